/** The motion gate: frame differencing on downscaled luma inside a region of interest, so still scenes cost no detection. */
package io.xueliang.analytics.motion;
