package io.xueliang.storage.playback;

import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock time inside the asked range with no recording. An assembled MP4 skips it: its media time runs on without
 * a pause, so the frame after {@link #at} was filmed {@code end - start} later than the frame before. A gap before the
 * first frame (the range starts before any recording) is at 0; one after the last frame is at the file's end.
 *
 * @param start where the recording stops (or the start of the range)
 * @param end   where it resumes (or the end of the range)
 * @param at    the media time of the assembled file at which it is skipped, from the file's time 0
 */
public record PlaybackGap(Instant start, Instant end, Duration at) {
    public Duration length() {
        return Duration.between(start, end);
    }
}
