package io.xueliang.storage.fmp4;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A finished segment file, as a recorder indexes it.
 *
 * @param startPts90k    the camera's pts of the first video frame (the file's media time 0)
 * @param mediaDuration  90 kHz ticks from the first video frame to the end of the last sample of any track
 * @param wallClockStart capture instant of the first video frame
 * @param wallClockEnd   {@code wallClockStart} plus the media duration: the camera's clock, never arrival times
 * @param audioCodec     null for a segment without sound
 * @param audioDropped   audio frames left out because they came before the first video frame
 * @param sha256         lowercase hex SHA-256 of the whole file as closed
 */
public record SegmentSummary(Path file, CameraId camera, Codec videoCodec, Codec audioCodec, long startPts90k,
        long mediaDuration, Instant wallClockStart, Instant wallClockEnd, long bytes, long videoFrames,
        long audioFrames, int fragments, long audioDropped, String sha256) {

    public Duration duration() {
        return Duration.ofNanos(mediaDuration * 1_000_000_000L / SegmentTracks.VIDEO_TIMESCALE);
    }
}
