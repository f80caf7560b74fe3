package io.xueliang.reads.ring;

import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.UUID;

/**
 * A vehicle crossing the ring: its read at a boundary checkpoint in the entering or leaving direction.
 *
 * @param plate  the normalised plate
 * @param time   when it crossed
 * @param camera the checkpoint
 * @param read   the read's id
 * @param entry  true entering the region, false leaving it
 */
public record Crossing(String plate, Instant time, CameraId camera, UUID read, boolean entry) {
}
