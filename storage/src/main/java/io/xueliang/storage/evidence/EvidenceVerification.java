package io.xueliang.storage.evidence;

import java.util.List;

/**
 * What {@link EvidenceVerifier} found.
 *
 * @param findings every problem, each naming its entry; empty when the package verifies
 * @param keySource which public key the signature was checked with
 * @param keyFingerprint that key's fingerprint ({@link io.xueliang.storage.signing.Ed25519Pem#fingerprint}); null when there was none
 * @param manifest the manifest as read, null when it could not be read; trust it only when {@link #ok()}
 * @param filesChecked whether the files were compared with the manifest (not when it is missing, unreadable or
 *     damaged inside the archive: comparing against it would blame files for the manifest's fault)
 */
public record EvidenceVerification(List<EvidenceFinding> findings, KeySource keySource, String keyFingerprint,
        EvidenceManifest manifest, boolean filesChecked) {
    public EvidenceVerification {
        findings = List.copyOf(findings);
    }

    /** Where the key that checked the signature came from. */
    public enum KeySource {
        /** Given by the operator: a pass means this key signed the package. */
        TRUSTED,
        /** The package's own {@code signing-key.pub}: a pass means only that the package is whole; its fingerprint
         *  must be compared with the one the server publishes. */
        PACKAGE,
        /** No usable key: the signature was not checked. */
        NONE
    }

    /** True when nothing is wrong: the signature verifies and every file matches the manifest. */
    public boolean ok() {
        return findings.isEmpty();
    }
}
