package io.xueliang.reads.ring;

import io.xueliang.media.CameraId;
import java.time.Instant;

/** Vehicles in and out at one checkpoint in one hour (starting at {@code hour}, UTC). */
public record HourCount(CameraId camera, Instant hour, long in, long out) {
}
