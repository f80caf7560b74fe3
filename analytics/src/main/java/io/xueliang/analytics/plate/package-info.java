/** Plate reading as the rest of the system sees it: a picture in, plates with text, colour, box and confidence out. */
package io.xueliang.analytics.plate;
