package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.List;

/**
 * Rows kept by camera and time that {@link ReadRetention} trims: the plate reads, and what is kept of them elsewhere
 * (a watch list's alerts). Blocks: call from worker threads.
 */
public interface RetainedRows {
    /** The cameras that have rows older than {@code before}: what retention must look at. */
    List<CameraId> camerasWithRowsBefore(Instant before);

    /**
     * Deletes at most {@code limit} of {@code camera}'s rows older than {@code before}, except those in {@code held}
     * ranges.
     *
     * @return how many were deleted: fewer than {@code limit} when none are left to delete
     */
    int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit);
}
