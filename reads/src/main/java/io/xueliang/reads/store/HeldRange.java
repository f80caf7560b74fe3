package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import java.time.Instant;

/** A camera's time range under an evidence hold: retention keeps its reads whatever their age. */
public record HeldRange(CameraId camera, Instant from, Instant to) {
}
