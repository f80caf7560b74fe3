/**
 * A plate camera's pictures: reads the camera's {@link io.xueliang.media.StreamHub} through a bounded reader off the
 * event loops, decodes the sampled pictures and hands them on, skipping to the next keyframe when analytics lags.
 */
package io.xueliang.analytics.frames;
