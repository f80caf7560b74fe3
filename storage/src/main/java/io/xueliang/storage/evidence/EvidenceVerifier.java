package io.xueliang.storage.evidence;

import static io.xueliang.storage.evidence.EvidencePackageWriter.MANIFEST;
import static io.xueliang.storage.evidence.EvidencePackageWriter.PUBLIC_KEY;
import static io.xueliang.storage.evidence.EvidencePackageWriter.SIGNATURE;

import io.xueliang.storage.evidence.EvidenceVerification.KeySource;
import io.xueliang.storage.signing.Ed25519KeyFile;
import io.xueliang.storage.signing.Ed25519Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an evidence package offline with nothing but a public key (or its fingerprint): first the ZIP's structure
 * ({@link ZipLayout}: nothing outside the entries of the central directory, local headers that repeat it), so that
 * every ZIP reader sees the same files; then the Ed25519 signature over the exact bytes of {@code manifest.json}; then
 * every file's size and SHA-256 against the manifest, that none is missing and that nothing unlisted was added. A bad
 * package yields findings, each naming its entry; only a file that cannot be read at all throws.
 *
 * <p>When the signature fails, the entry to blame is told by the CRC-32 the ZIP keeps for each entry: a byte damaged
 * in storage or transfer leaves the CRC behind, so the damaged one of {@code manifest.json} and {@code manifest.sig} is
 * named. A deliberate edit that fixed the CRC cannot be told apart, and the finding says so. A package that is whole
 * under the key inside it, when that is not the key the operator gave, gets one finding saying whose it is
 * ({@link EvidenceVerification.Verdict#UNKNOWN_SIGNER}).
 */
public final class EvidenceVerifier {
    /** Longest {@code manifest.sig}: 88 characters of base64 and a newline; anything much longer is not one. */
    private static final int MAX_SIGNATURE_BYTES = 1024;
    /** Files, the three own entries, and some room to report a few strays by name before giving up. */
    static final int MAX_ENTRIES = ManifestRules.MAX_FILES + 3 + 100;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SIGNATURE_TEXT = Pattern.compile("[A-Za-z0-9+/]{86}==\n?");
    private static final int BUFFER = 256 * 1024;

    private EvidenceVerifier() {
    }

    /** Checks {@code zip} with the public key inside it; see {@link KeySource#PACKAGE} for what a pass then means. */
    public static EvidenceVerification verify(Path zip) throws IOException {
        return verify(zip, null);
    }

    /**
     * Checks {@code zip} against {@code trustedKey}, or against the key inside the package when that is null.
     *
     * @throws IOException when {@code zip} cannot be read at all (missing, no permission, a directory, an I/O error)
     */
    public static EvidenceVerification verify(Path zip, PublicKey trustedKey) throws IOException {
        return verify(zip, trustedKey, null);
    }

    /**
     * Checks {@code zip} with the key inside it, which must have {@code trustedFingerprint}
     * ({@link Ed25519Pem#fingerprint}, lower-case hex), as the server's key is printed and served.
     *
     * @throws IOException when {@code zip} cannot be read at all
     */
    public static EvidenceVerification verifyWithFingerprint(Path zip, String trustedFingerprint) throws IOException {
        if (!FINGERPRINT.matcher(trustedFingerprint).matches()) {
            throw new IllegalArgumentException("a key fingerprint is 64 hex digits (SHA-256), got '"
                    + trustedFingerprint + "'");
        }
        return verify(zip, null, trustedFingerprint.toLowerCase(java.util.Locale.ROOT));
    }

    private static EvidenceVerification verify(Path zip, PublicKey trustedKey, String trustedFingerprint)
            throws IOException {
        if (Files.isDirectory(zip)) {
            throw new IOException(zip + " is a directory, not an evidence package");
        }
        try (InputStream probe = Files.newInputStream(zip)) {
            // Opens or throws: a missing or forbidden file is the caller's error, not a finding about a package.
        }
        String zipName = zip.getFileName().toString();
        boolean pinned = trustedKey != null || trustedFingerprint != null;
        ZipFile zf;
        try {
            zf = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            return new EvidenceVerification(List.of(new EvidenceFinding(zipName,
                    "not a complete ZIP archive, truncated or damaged (" + e.getMessage() + ")")),
                    pinned ? KeySource.TRUSTED : KeySource.NONE,
                    trustedKey != null ? Ed25519Pem.fingerprint(trustedKey) : trustedFingerprint, null, false, false);
        }
        try (zf) {
            return new Run(zf, zip, zipName).verify(trustedKey, trustedFingerprint);
        }
    }

    /** One verification's state; findings in the order: archive, manifest and signature, files, strays. */
    private static final class Run {
        private final ZipFile zf;
        private final Path zip;
        private final String zipName;
        private final List<EvidenceFinding> findings = new ArrayList<>();
        private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

        Run(ZipFile zf, Path zip, String zipName) {
            this.zf = zf;
            this.zip = zip;
            this.zipName = zipName;
        }

        private void find(String entry, String problem) {
            findings.add(new EvidenceFinding(entry, problem));
        }

        EvidenceVerification verify(PublicKey trustedKey, String trustedFingerprint) throws IOException {
            findings.addAll(ZipLayout.check(zip, zipName));
            Enumeration<? extends ZipEntry> all = zf.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (entries.size() == MAX_ENTRIES) {
                    find(zipName, "more than " + MAX_ENTRIES + " entries: not an evidence package");
                    return new EvidenceVerification(findings, KeySource.NONE, null, null, false, false);
                }
                if (entries.putIfAbsent(e.getName(), e) != null) {
                    find(e.getName(), "appears more than once in the archive");
                }
            }
            Small manifestEntry = small(MANIFEST, ManifestJson.MAX_BYTES);
            Small signatureEntry = small(SIGNATURE, MAX_SIGNATURE_BYTES);
            Small keyEntry = small(PUBLIC_KEY, Ed25519Pem.MAX_PEM_BYTES);

            PublicKey packageKey = null;
            String keyProblem = keyEntry == null ? "missing from the package" : null;
            if (keyEntry != null && keyEntry.damaged) {
                keyProblem = "damaged inside the archive (its CRC-32 differs)";
            } else if (keyEntry != null) {
                try {
                    packageKey = Ed25519Pem.decodePublic(new String(keyEntry.bytes, StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    keyProblem = "not an Ed25519 public key in PEM (" + e.getMessage() + ")";
                }
            }
            String expected = trustedKey != null ? Ed25519Pem.fingerprint(trustedKey) : trustedFingerprint;
            String packageFingerprint = packageKey == null ? null : Ed25519Pem.fingerprint(packageKey);
            boolean otherKey = expected != null && packageKey != null && !packageFingerprint.equals(expected);
            PublicKey key;
            KeySource source;
            if (trustedKey != null) {
                key = trustedKey;
                source = KeySource.TRUSTED;
                if (keyProblem != null && keyEntry != null) {
                    find(PUBLIC_KEY, keyProblem);
                }
            } else if (trustedFingerprint != null) {
                key = otherKey ? null : packageKey;
                source = KeySource.TRUSTED;
                if (packageKey == null && keyEntry != null) {
                    find(PUBLIC_KEY, keyProblem + "; the package's key is needed to compare it with the expected"
                            + " fingerprint, so the signature was not checked");
                }
            } else if (packageKey != null) {
                key = packageKey;
                source = KeySource.PACKAGE;
            } else {
                key = null;
                source = KeySource.NONE;
                if (keyEntry != null) {
                    find(PUBLIC_KEY, keyProblem + "; no trusted key was given, so the signature was not checked");
                }
            }
            String fingerprint = key == null ? expected : Ed25519Pem.fingerprint(key);

            byte[] signature = signatureEntry == null ? null : signature(signatureEntry);
            boolean signed = false;
            boolean checked = manifestEntry != null && signature != null && key != null;
            if (checked) {
                signed = Ed25519KeyFile.verifies(key, manifestEntry.bytes, signature);
            }
            // Signed, but by a key other than the one the operator expects: whole under its own key, so say just that.
            boolean signedByAnotherKey = otherKey && manifestEntry != null && signature != null
                    && Ed25519KeyFile.verifies(packageKey, manifestEntry.bytes, signature);
            String signer = signed ? fingerprint : signedByAnotherKey ? packageFingerprint : null;
            if (signedByAnotherKey) {
                find(PUBLIC_KEY, "the package is signed by key " + packageFingerprint + ", not by the "
                        + (trustedKey != null ? "trusted key " : "expected key ") + expected);
            } else {
                if (checked && !signed && signatureEntry.damaged) {
                    find(SIGNATURE, "signature does not verify: manifest.sig is damaged inside the archive"
                            + " (its CRC-32 differs)");
                } else if (checked && !signed && !manifestEntry.damaged) {
                    find(MANIFEST, "signature does not verify with key " + fingerprint + " (manifest.json or"
                            + " manifest.sig was changed after signing, or another key signed it)");
                }
                if (otherKey) {
                    find(PUBLIC_KEY, "is not the " + (trustedKey != null ? "trusted" : "expected") + " key (it is "
                            + packageFingerprint + ", the " + (trustedKey != null ? "trusted" : "expected")
                            + " key is " + expected + ")"
                            + (trustedKey != null ? "" : ", and the signature does not verify with it either"));
                }
            }
            signed |= signedByAnotherKey;
            // A damaged manifest that the signature does not vouch for is not compared with the files: a changed
            // hash in it would blame a file for the manifest's fault.
            boolean manifestSuspect = manifestEntry != null && manifestEntry.damaged && !signed;
            if (manifestSuspect) {
                find(MANIFEST, (checked ? "signature does not verify: " : "")
                        + "manifest.json is damaged inside the archive (its CRC-32 differs)");
            }

            EvidenceManifest manifest = null;
            if (manifestEntry != null) {
                try {
                    manifest = EvidenceManifest.parse(manifestEntry.bytes);
                } catch (ManifestFormatException e) {
                    find(MANIFEST, "not a valid evidence manifest (" + e.getMessage() + ")");
                }
            }
            if (manifest != null && signed && !manifest.signingKeyFingerprint().equals(signer)) {
                find(MANIFEST, "names signing key " + manifest.signingKeyFingerprint() + " but was signed by "
                        + signer);
            }
            boolean filesChecked = manifest != null && !manifestSuspect;
            if (filesChecked) {
                Set<String> listed = new HashSet<>(Set.of(MANIFEST, SIGNATURE, PUBLIC_KEY));
                for (EvidenceFile f : manifest.files()) {
                    listed.add(f.name());
                    ZipEntry e = entries.get(f.name());
                    if (e == null) {
                        find(f.name(), "listed in the manifest but missing from the package");
                    } else {
                        checkFile(e, f);
                    }
                }
                for (String name : entries.keySet()) {
                    if (!listed.contains(name)) {
                        find(name, "not listed in the manifest");
                    }
                }
            }
            return new EvidenceVerification(findings, source, fingerprint, manifest, filesChecked, signedByAnotherKey);
        }

        private record Small(byte[] bytes, boolean damaged) {
        }

        /** An own entry read whole (bounded); null, with a finding, when it is missing or unreadable. */
        private Small small(String name, int limit) throws IOException {
            ZipEntry e = entries.get(name);
            if (e == null) {
                find(name, "missing from the package");
                return null;
            }
            byte[] bytes;
            try (InputStream in = zf.getInputStream(e)) {
                bytes = in.readNBytes(limit + 1);
            } catch (ZipException ex) {
                find(name, "cannot be read from the archive (" + ex.getMessage() + ")");
                return null;
            }
            if (bytes.length > limit) {
                find(name, "larger than " + limit + " bytes");
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new Small(bytes, e.getCrc() != -1 && e.getCrc() != crc.getValue());
        }

        /** The raw signature from its base64 line; null, with a finding, when it is not one. */
        private byte[] signature(Small entry) {
            String text = new String(entry.bytes, StandardCharsets.ISO_8859_1);
            if (!SIGNATURE_TEXT.matcher(text).matches()) {
                find(SIGNATURE, "not one line of base64 of a 64-byte Ed25519 signature"
                        + (entry.damaged ? " (damaged inside the archive: its CRC-32 differs)" : ""));
                return null;
            }
            return Base64.getDecoder().decode(text.strip());
        }

        private void checkFile(ZipEntry e, EvidenceFile f) throws IOException {
            MessageDigest sha = EvidencePackageWriter.sha256();
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = zf.getInputStream(e)) {
                int n;
                // Never past one byte more than the manifest says: a hostile entry may inflate without end.
                while (size <= f.size() && (n = in.read(buffer, 0, (int) Math.min(buffer.length, f.size() + 1 - size))) > 0) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
            } catch (ZipException ex) {
                find(f.name(), "cannot be read from the archive (" + ex.getMessage() + ")");
                return;
            }
            if (size != f.size()) {
                String actual = size > f.size()
                        ? (e.getSize() >= 0 ? e.getSize() + " bytes" : "more bytes")
                        : size + " bytes";
                find(f.name(), "size " + actual + " differs from the manifest (" + f.size() + " bytes)");
            } else if (!HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
                find(f.name(), "SHA-256 differs from the manifest");
            }
        }
    }
}
