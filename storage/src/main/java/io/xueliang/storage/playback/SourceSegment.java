package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.SegmentSource;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded segment of a camera as the recording index lists it.
 *
 * @param start  the wall-clock instant of the segment's media time 0 (its first video frame): every sample's instant
 *               is {@code start} plus its decode time
 * @param source where its bytes are
 */
public record SourceSegment(Instant start, SegmentSource source) {
    public SourceSegment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(source, "source");
    }
}
