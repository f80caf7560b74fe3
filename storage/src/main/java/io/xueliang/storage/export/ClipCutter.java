package io.xueliang.storage.export;

import io.xueliang.storage.recording.RecordedSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Cuts one camera's recorded segments to a time range as one MP4 file for an evidence package. */
@FunctionalInterface
public interface ClipCutter {
    /**
     * Writes the part of {@code segments} (one camera's, oldest first, overlapping the range) within
     * {@code [from, to)} to {@code out}, starting at the keyframe at or before {@code from}, with an edit list so that
     * players start at {@code from}.
     *
     * @return the segments the clip was actually cut from
     */
    List<RecordedSegment> cut(List<RecordedSegment> segments, Instant from, Instant to, Path out) throws IOException;
}
