/** The background colour of a plate crop (GA 36-2018's blue, yellow, green, white and black plates) from its HSV histogram. */
package io.xueliang.analytics.plate.colour;
