package io.xueliang.storage.evidence;

import java.util.List;
import java.util.Objects;

/** A camera in an evidence package: its id, its name and its region path (outermost first), as registered. */
public record EvidenceCamera(String id, String name, List<String> region) {
    public EvidenceCamera {
        ManifestRules.text("camera id", id);
        ManifestRules.text("camera name", name);
        region = List.copyOf(Objects.requireNonNull(region, "region"));
        if (region.size() > ManifestRules.MAX_REGION_DEPTH) {
            throw new IllegalArgumentException("camera " + id + ": region deeper than " + ManifestRules.MAX_REGION_DEPTH);
        }
        region.forEach(r -> ManifestRules.text("camera region", r));
    }
}
