package io.xueliang.storage.evidence;

import java.time.Instant;
import java.util.Objects;

/** A recorded segment an exported file was cut from: its camera, its time span and the SHA-256 of the segment file. */
public record SourceSegment(String camera, Instant start, Instant end, String sha256) {
    public SourceSegment {
        ManifestRules.text("source camera", camera);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("source segment ends (" + end + ") before it starts (" + start + ")");
        }
        ManifestRules.sha256("source sha256", sha256);
    }
}
