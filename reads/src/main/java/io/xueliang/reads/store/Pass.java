package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import java.time.Instant;

/**
 * A read reduced to what analyses compare: which plate passed which camera when, and how it moved.
 *
 * @param plate     the normalised plate
 * @param camera    where
 * @param time      when
 * @param direction how the vehicle moved relative to the camera
 */
public record Pass(String plate, CameraId camera, Instant time, PlateRead.Direction direction) {
    /** The order passes are streamed in. */
    public enum Order {
        /** By time, then store number. */
        TIME,
        /** By plate, then time: each plate's passes together, as a trajectory. */
        PLATE
    }
}
