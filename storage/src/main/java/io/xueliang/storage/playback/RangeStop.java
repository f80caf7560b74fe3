package io.xueliang.storage.playback;

import java.time.Instant;

/**
 * Why an assembled range ends before the end asked for, and where a client asks next: a request from
 * {@code resumeFrom} starts exactly at the first sample left out, which is a keyframe.
 *
 * @param detail what differs, for a person
 */
public record RangeStop(Reason reason, Instant resumeFrom, String detail) {
    public enum Reason {
        /** The next segment's tracks differ (codec, parameter sets, size, audio): one MP4 cannot hold both. */
        PARAMETERS_CHANGED,
        /** One of {@link RangeSettings}' limits was reached. */
        LIMIT_REACHED
    }
}
