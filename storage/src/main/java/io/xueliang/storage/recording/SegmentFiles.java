package io.xueliang.storage.recording;

import java.io.IOException;

/** Deletes a segment's file wherever it lives (local disk, a bucket). */
@FunctionalInterface
public interface SegmentFiles {
    /** Deletes the file of {@code segment}; a file already gone is not an error. */
    void delete(RecordedSegment segment) throws IOException;

    /** Segment files on the local disk only. */
    static SegmentFiles local(RecordingLayout layout) {
        return segment -> {
            if (!segment.location().equals("local")) {
                throw new IOException("segment " + segment.key() + " lives at " + segment.location()
                        + ", which this server cannot reach");
            }
            java.nio.file.Files.deleteIfExists(layout.file(segment.key()));
        };
    }
}
