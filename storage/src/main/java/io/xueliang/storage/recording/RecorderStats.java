package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;

/**
 * One camera's recording, as metrics show it.
 *
 * @param camera the camera
 * @param state what its recording does now: {@code recording}, {@code idle} (no segment open: no video, or waiting
 *        for a keyframe), {@code opening} (a segment's index row is being written), {@code failing} (waiting to retry
 *        after a failed write), {@code paused} (below the free-space floor, nothing left to delete) or
 *        {@code disk-full} (stopped: the storage volume is full)
 * @param recording a segment is open now
 * @param units access units written
 * @param droppedUnits units not written (waiting for a keyframe, paused, after a failure, reader overflow)
 * @param segments segment files opened
 * @param bytes bytes in finished segments
 * @param gaps gaps indexed
 * @param clockSteps camera clock steps seen
 * @param writeFailures failed writes
 * @param rotationsDeferred stream changes that did not start a segment because one had started less than
 *        {@code recording.changeRotationInterval} before (units dropped meanwhile included)
 */
public record RecorderStats(CameraId camera, String state, boolean recording, long units, long droppedUnits,
        long segments, long bytes, long gaps, long clockSteps, long writeFailures, long rotationsDeferred) {
}
