package io.xueliang.storage.fmp4;

import java.nio.file.Path;
import java.time.Instant;

/** What {@link Fmp4SegmentRepair#repair} made of a file a crash left open. */
public sealed interface RepairOutcome {
    Path file();

    /**
     * The file now ends after its last complete fragment.
     *
     * @param removedBytes   what was cut off (0 when the crash fell between two fragments)
     * @param mediaDuration  90 kHz ticks of video kept
     * @param wallClockStart capture instant of the first fragment ({@code prft}), null without fragments
     * @param wallClockEnd   {@code wallClockStart} plus the media time kept, null without fragments
     * @param sha256         lowercase hex SHA-256 of the file as it now is
     */
    record Repaired(Path file, long bytes, long removedBytes, int fragments, long videoFrames, long audioFrames,
            long mediaDuration, Instant wallClockStart, Instant wallClockEnd, String sha256) implements RepairOutcome {
    }

    /** Nothing can be saved: the file has no complete init segment. It was left as it was. */
    record Unusable(Path file, String reason) implements RepairOutcome {
    }
}
