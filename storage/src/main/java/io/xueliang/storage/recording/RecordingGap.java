package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * Time a camera should have been recorded and was not.
 *
 * @param camera the camera
 * @param start where recorded video stops
 * @param end where it resumes
 * @param reason why
 */
public record RecordingGap(CameraId camera, Instant start, Instant end, GapReason reason) {
    public RecordingGap {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(reason, "reason");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a gap ends after it starts: " + start + " .. " + end);
        }
    }
}
