/** Pictures as the analytics stages pass them along: decoded frames, plate crops. */
package io.xueliang.analytics.image;
