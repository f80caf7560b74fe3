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
 * @param signedByAnotherKey the operator gave a key or fingerprint, and the package is signed, validly, by the key
 *     inside it, which is another one
 */
public record EvidenceVerification(List<EvidenceFinding> findings, KeySource keySource, String keyFingerprint,
        EvidenceManifest manifest, boolean filesChecked, boolean signedByAnotherKey) {
    public EvidenceVerification {
        findings = List.copyOf(findings);
    }

    /** Where the key that checked the signature came from. */
    public enum KeySource {
        /** Given by the operator, as a key or its fingerprint: a pass means this key signed the package. */
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

    /** What a verification means for whoever relies on the package. */
    public enum Verdict {
        /** Whole, and signed by the key the operator gave. */
        VERIFIED,
        /** Whole under the key inside it; no key was given, so who signed it is not established. */
        SIGNER_NOT_PINNED,
        /** Whole under the key inside it, which is not the key the operator gave: someone else signed it. */
        UNKNOWN_SIGNER,
        /** Damaged or tampered with: see the findings. */
        FAILED
    }

    public Verdict verdict() {
        if (ok()) {
            return keySource == KeySource.TRUSTED ? Verdict.VERIFIED : Verdict.SIGNER_NOT_PINNED;
        }
        return signedByAnotherKey && findings.size() == 1 ? Verdict.UNKNOWN_SIGNER : Verdict.FAILED;
    }
}
