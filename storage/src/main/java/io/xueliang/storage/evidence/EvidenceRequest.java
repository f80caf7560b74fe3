package io.xueliang.storage.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an export is about, as the manifest states it: the cameras, the time range, who asked and why, and the
 * software that made it. The writer adds the files, the creation time and the signing key.
 */
public record EvidenceRequest(List<EvidenceCamera> cameras, Instant from, Instant to, String operator,
        String caseReference, String reason, String softwareVersion) {
    public EvidenceRequest {
        cameras = List.copyOf(Objects.requireNonNull(cameras, "cameras"));
        if (cameras.size() > ManifestRules.MAX_CAMERAS) {
            throw new IllegalArgumentException("more than " + ManifestRules.MAX_CAMERAS + " cameras");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the time range ends (" + to + ") before it starts (" + from + ")");
        }
        ManifestRules.text("operator", operator);
        ManifestRules.text("caseReference", caseReference);
        ManifestRules.text("reason", reason);
        ManifestRules.text("softwareVersion", softwareVersion);
    }
}
