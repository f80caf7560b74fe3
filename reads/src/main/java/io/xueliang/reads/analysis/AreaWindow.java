package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import java.time.Instant;

/**
 * An area and a time: where and when a vehicle of a region collision must have been.
 *
 * @param area the area's cameras
 * @param from first instant, inclusive
 * @param to   last instant, exclusive
 */
public record AreaWindow(CameraSet area, Instant from, Instant to) {
}
