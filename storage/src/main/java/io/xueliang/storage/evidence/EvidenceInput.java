package io.xueliang.storage.evidence;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A file to put into an evidence package: where it is now, its name in the ZIP, and the segments it was cut from. */
public record EvidenceInput(String name, Path path, List<SourceSegment> sources) {
    public EvidenceInput {
        ManifestRules.fileName(name);
        Objects.requireNonNull(path, "path");
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    }
}
