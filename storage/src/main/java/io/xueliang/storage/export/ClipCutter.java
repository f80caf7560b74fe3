package io.xueliang.storage.export;

import io.xueliang.storage.recording.RecordedSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Cuts one camera's recorded segments to a time range as MP4 files for an evidence package. */
@FunctionalInterface
public interface ClipCutter {
    /**
     * Writes the part of {@code segments} (one camera's, oldest first, overlapping the range) within
     * {@code [from, to)} as MP4 files in {@code directory} named after {@code baseName}: one file, or one per stretch
     * with the same stream parameters when the camera changed them within the range. Each starts at the keyframe at
     * or before its first instant, with an edit list so that players start at that instant.
     *
     * @return the files written, with the segments each was cut from; empty when nothing was recorded in the range
     */
    List<Clip> cut(List<RecordedSegment> segments, Instant from, Instant to, Path directory, String baseName)
            throws IOException;

    /** One MP4 written: its file name, path and the segments it was cut from. */
    record Clip(String name, Path file, List<RecordedSegment> sources) {
        public Clip {
            sources = List.copyOf(sources);
        }
    }
}
