package io.xueliang.storage.evidence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an evidence package holds and why, as stored in its {@code manifest.json} and signed. {@link #toJson()} gives
 * the canonical bytes (see {@link ManifestJson} for the form); the signature covers exactly the bytes stored, so a
 * verifier never re-encodes.
 */
public record EvidenceManifest(List<EvidenceCamera> cameras, Instant from, Instant to, List<EvidenceFile> files,
        String operator, String caseReference, String reason, Instant createdAt, String softwareVersion,
        String signingKeyFingerprint) {
    public EvidenceManifest {
        EvidenceRequest checked = new EvidenceRequest(cameras, from, to, operator, caseReference, reason, softwareVersion);
        cameras = checked.cameras();
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.size() > ManifestRules.MAX_FILES) {
            throw new IllegalArgumentException("more than " + ManifestRules.MAX_FILES + " files");
        }
        Set<String> names = new HashSet<>();
        for (EvidenceFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("file " + f.name() + " is listed twice");
            }
        }
        Objects.requireNonNull(createdAt, "createdAt");
        ManifestRules.sha256("signingKeyFingerprint", signingKeyFingerprint);
    }

    /** The manifest from its request, files, time and key. */
    static EvidenceManifest of(EvidenceRequest r, List<EvidenceFile> files, Instant createdAt, String fingerprint) {
        return new EvidenceManifest(r.cameras(), r.from(), r.to(), files, r.operator(), r.caseReference(), r.reason(),
                createdAt, r.softwareVersion(), fingerprint);
    }

    /** The canonical JSON: UTF-8, keys sorted, no whitespace; the same manifest always gives the same bytes. */
    public byte[] toJson() {
        return ManifestJson.write(this);
    }

    /**
     * Reads {@code json} strictly: unknown, missing or repeated keys, a foreign format name, a value out of its
     * limits or trailing bytes fail, naming where.
     */
    public static EvidenceManifest parse(byte[] json) throws ManifestFormatException {
        return ManifestJson.read(json);
    }
}
