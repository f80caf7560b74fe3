package io.xueliang.storage.evidence;

import java.util.List;
import java.util.Objects;

/** A file in an evidence package: its name in the ZIP, its size and SHA-256, and the segments it was cut from. */
public record EvidenceFile(String name, long size, String sha256, List<SourceSegment> sources) {
    public EvidenceFile {
        ManifestRules.fileName(name);
        if (size < 0) {
            throw new IllegalArgumentException(name + ": negative size " + size);
        }
        ManifestRules.sha256(name + " sha256", sha256);
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        if (sources.size() > ManifestRules.MAX_SOURCES_PER_FILE) {
            throw new IllegalArgumentException(name + ": more than " + ManifestRules.MAX_SOURCES_PER_FILE + " sources");
        }
    }
}
