package io.xueliang.storage.evidence;

import static io.xueliang.storage.evidence.EvidencePackages.dataSpan;
import static io.xueliang.storage.evidence.EvidencePackages.flipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.storage.evidence.EvidenceVerification.KeySource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writes real packages and breaks them the ways storage, transfer and people do. */
class EvidencePackageTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static ExportSigningKey key;
    private static Path good;
    private static List<EvidenceInput> inputs;

    @BeforeAll
    static void writeOnePackage() throws IOException {
        key = ExportSigningKey.loadOrCreate(shared.resolve("root"));
        inputs = EvidencePackages.inputs(shared);
        good = shared.resolve("export.zip");
        new EvidencePackageWriter(key, InstantSource.fixed(CREATED)).write(EvidencePackages.request(), inputs, good);
    }

    @Test
    void aPackageOfTwoFilesVerifiesWithTheTrustedKeyAndWithItsOwn() throws Exception {
        EvidenceVerification trusted = EvidenceVerifier.verify(good, key.publicKey());
        assertThat(trusted.findings()).isEmpty();
        assertThat(trusted.ok()).isTrue();
        assertThat(trusted.keySource()).isEqualTo(KeySource.TRUSTED);
        assertThat(trusted.keyFingerprint()).isEqualTo(key.fingerprint());
        assertThat(trusted.filesChecked()).isTrue();
        EvidenceManifest m = trusted.manifest();
        assertThat(m.files()).extracting(EvidenceFile::name, EvidenceFile::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cam1.mp4", 300_001L),
                        org.assertj.core.groups.Tuple.tuple("cam2.mp4", 1_048_583L));
        assertThat(m.files().get(0).sources()).isEqualTo(inputs.get(0).sources());
        assertThat(m.createdAt()).isEqualTo(CREATED);
        assertThat(m.signingKeyFingerprint()).isEqualTo(key.fingerprint());
        assertThat(m.caseReference()).isEqualTo("XT-2026-0042");

        EvidenceVerification own = EvidenceVerifier.verify(good);
        assertThat(own.findings()).isEmpty();
        assertThat(own.keySource()).isEqualTo(KeySource.PACKAGE);
        assertThat(own.keyFingerprint()).isEqualTo(key.fingerprint());
    }

    @Test
    void entriesAreStoredInAFixedOrderWithTheFilesBytesAsGiven() throws Exception {
        try (ZipFile zf = new ZipFile(good.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(zf.entries())) {
                names.add(e.getName());
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
            }
            assertThat(names).containsExactly("cam1.mp4", "cam2.mp4", "manifest.json", "manifest.sig", "signing-key.pub");
            assertThat(zf.getInputStream(zf.getEntry("cam2.mp4")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(inputs.get(1).path()));
            assertThat(new String(zf.getInputStream(zf.getEntry("manifest.sig")).readAllBytes(), StandardCharsets.US_ASCII))
                    .matches("[A-Za-z0-9+/]{86}==\n");
            assertThat(new String(zf.getInputStream(zf.getEntry("signing-key.pub")).readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo(key.publicKeyPem());
        }
    }

    @Test
    void anotherZipReaderAndAnotherEd25519AgreeWithUs() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (Files.isExecutable(python)) {
            // zipfile checks every entry's CRC-32 against the directory: an independent reading of our ZIP.
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip();"
                            + " print('bad', bad) if bad else print('ok', len(z.namelist()))", good.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out.strip()).isEqualTo("ok 5");
        } else {
            System.out.println("skipped: /usr/bin/python3 not installed, ZIP not read by another reader");
        }
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            System.out.println("skipped: /usr/bin/openssl not installed, signature not checked by another Ed25519");
            return;
        }
        Path dir = Files.createDirectories(tmp.resolve("out"));
        try (ZipFile zf = new ZipFile(good.toFile())) {
            for (String name : List.of("manifest.json", "manifest.sig", "signing-key.pub")) {
                Files.write(dir.resolve(name), zf.getInputStream(zf.getEntry(name)).readAllBytes());
            }
        }
        Files.write(dir.resolve("sig.bin"), java.util.Base64.getDecoder().decode(Files.readString(dir.resolve("manifest.sig")).strip()));
        Process p = new ProcessBuilder(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pub",
                "-rawin", "-in", "manifest.json", "-sigfile", "sig.bin")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("Signature Verified Successfully");
    }

    static Stream<Arguments> flips() {
        List<Arguments> cases = new ArrayList<>();
        for (String entry : List.of("cam1.mp4", "cam2.mp4", "manifest.json", "manifest.sig", "signing-key.pub")) {
            for (String where : List.of("first", "middle", "last")) {
                for (int mask : new int[] {0x01, 0x80}) {
                    cases.add(Arguments.of(entry, where, mask));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} byte ^ {2}")
    @MethodSource("flips")
    void oneFlippedByteFailsNamingExactlyItsEntry(String entry, String where, int mask) throws Exception {
        long[] span = dataSpan(good, entry);
        long offset = switch (where) {
            case "first" -> span[0];
            case "middle" -> span[0] + span[1] / 2;
            default -> span[0] + span[1] - 1;
        };
        Path bad = flipped(good, offset, mask, tmp.resolve("bad.zip"));
        for (boolean withTrustedKey : new boolean[] {true, false}) {
            EvidenceVerification v = EvidenceVerifier.verify(bad, withTrustedKey ? key.publicKey() : null);
            assertThat(v.ok()).as("trusted key %s", withTrustedKey).isFalse();
            assertThat(v.findings()).as("trusted key %s: %s", withTrustedKey, v.findings())
                    .allMatch(f -> f.entry().equals(entry));
            if (entry.endsWith(".mp4")) {
                assertThat(v.findings()).extracting(EvidenceFinding::toString)
                        .containsExactly(entry + ": SHA-256 differs from the manifest");
            }
        }
    }

    @Test
    void aManifestEditedWithItsCrcFixedFailsTheSignature() throws Exception {
        byte[] manifest = entry(good, "manifest.json");
        String edited = new String(manifest, StandardCharsets.UTF_8).replace("investigator1", "investigator2");
        Path bad = rezip(good, tmp.resolve("edited.zip"), name -> true, "manifest.json",
                edited.getBytes(StandardCharsets.UTF_8));
        EvidenceVerification v = EvidenceVerifier.verify(bad, key.publicKey());
        assertThat(v.findings()).extracting(EvidenceFinding::toString).containsExactly(
                "manifest.json: signature does not verify with key " + key.fingerprint()
                        + " (manifest.json or manifest.sig was changed after signing, or another key signed it)");
    }

    @Test
    void aFileSwappedTogetherWithItsHashInTheManifestStillFailsTheSignature() throws Exception {
        byte[] other = EvidencePackages.bytes(99, 300_001);
        String sha = sha256(other);
        String manifest = new String(entry(good, "manifest.json"), StandardCharsets.UTF_8)
                .replace(sha256(entry(good, "cam1.mp4")), sha);
        Path swapped = rezip(good, tmp.resolve("swapped.zip"), name -> true, "cam1.mp4", other);
        Path bad = rezip(swapped, tmp.resolve("swapped2.zip"), name -> true, "manifest.json",
                manifest.getBytes(StandardCharsets.UTF_8));
        EvidenceVerification v = EvidenceVerifier.verify(bad, key.publicKey());
        assertThat(v.findings()).extracting(EvidenceFinding::entry).containsExactly("manifest.json");
    }

    @Test
    void aMissingFileAndAnAddedOneAreNamed() throws Exception {
        Path without = rezip(good, tmp.resolve("without.zip"), name -> !name.equals("cam2.mp4"), "notes.txt",
                "added later".getBytes(StandardCharsets.UTF_8));
        EvidenceVerification v = EvidenceVerifier.verify(without, key.publicKey());
        assertThat(v.findings()).extracting(EvidenceFinding::toString).containsExactly(
                "cam2.mp4: listed in the manifest but missing from the package",
                "notes.txt: not listed in the manifest");
    }

    @Test
    void aPackageSignedByAnotherKeyFailsAgainstTheTrustedKey() throws Exception {
        ExportSigningKey other = ExportSigningKey.loadOrCreate(tmp.resolve("other-root"));
        Path forged = tmp.resolve("forged.zip");
        new EvidencePackageWriter(other, InstantSource.fixed(CREATED)).write(EvidencePackages.request(), inputs, forged);

        EvidenceVerification v = EvidenceVerifier.verify(forged, key.publicKey());
        assertThat(v.ok()).isFalse();
        assertThat(v.findings()).extracting(EvidenceFinding::toString).containsExactly(
                "signing-key.pub: the package is signed by key " + other.fingerprint() + ", not by the trusted key "
                        + key.fingerprint());
        assertThat(v.verdict()).isEqualTo(EvidenceVerification.Verdict.UNKNOWN_SIGNER);
        EvidenceVerification byFingerprint = EvidenceVerifier.verifyWithFingerprint(forged, key.fingerprint());
        assertThat(byFingerprint.findings()).extracting(EvidenceFinding::toString).containsExactly(
                "signing-key.pub: the package is signed by key " + other.fingerprint() + ", not by the expected key "
                        + key.fingerprint());
        assertThat(byFingerprint.verdict()).isEqualTo(EvidenceVerification.Verdict.UNKNOWN_SIGNER);
        EvidenceVerification genuine = EvidenceVerifier.verifyWithFingerprint(good, key.fingerprint().toUpperCase());
        assertThat(genuine.findings()).isEmpty();
        assertThat(genuine.verdict()).isEqualTo(EvidenceVerification.Verdict.VERIFIED);
        assertThat(genuine.keySource()).isEqualTo(KeySource.TRUSTED);

        // A package signed by another key and then tampered with is a failure, not merely someone else's.
        Path forgedAndEdited = rezip(forged, tmp.resolve("forged2.zip"), name -> true, "cam1.mp4",
                EvidencePackages.bytes(5, 300_001));
        EvidenceVerification both = EvidenceVerifier.verify(forgedAndEdited, key.publicKey());
        assertThat(both.verdict()).isEqualTo(EvidenceVerification.Verdict.FAILED);
        assertThat(both.findings()).extracting(EvidenceFinding::entry).containsExactly("signing-key.pub", "cam1.mp4");
        // Alone, it is whole: only the operator's comparison of fingerprints tells the keys apart.
        EvidenceVerification alone = EvidenceVerifier.verify(forged);
        assertThat(alone.ok()).isTrue();
        assertThat(alone.verdict()).isEqualTo(EvidenceVerification.Verdict.SIGNER_NOT_PINNED);
        assertThat(alone.keySource()).isEqualTo(KeySource.PACKAGE);
        assertThat(alone.keyFingerprint()).isEqualTo(other.fingerprint()).isNotEqualTo(key.fingerprint());
    }

    @Test
    void aTruncatedZipIsReportedNotThrown() throws Exception {
        byte[] all = Files.readAllBytes(good);
        for (int length : new int[] {0, 10, all.length / 2, all.length - 1}) {
            Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(all, length));
            EvidenceVerification v = EvidenceVerifier.verify(cut, key.publicKey());
            assertThat(v.ok()).isFalse();
            assertThat(v.findings()).hasSize(1);
            assertThat(v.findings().get(0).entry()).isEqualTo("cut.zip");
            assertThat(v.findings().get(0).problem()).as("length %d", length)
                    .startsWith("not a complete ZIP archive, truncated or damaged");
        }
    }

    @Test
    void aFileThatCannotBeReadThrows() {
        assertThatThrownBy(() -> EvidenceVerifier.verify(tmp.resolve("nothing.zip")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> EvidenceVerifier.verify(tmp)).isInstanceOf(IOException.class);
    }

    @Test
    void aMissingSignatureAndKeyAreNamedAndTheFilesStillChecked() throws Exception {
        Path bare = rezip(good, tmp.resolve("bare.zip"),
                name -> !name.equals("manifest.sig") && !name.equals("signing-key.pub"), null, null);
        EvidenceVerification v = EvidenceVerifier.verify(bare);
        assertThat(v.keySource()).isEqualTo(KeySource.NONE);
        assertThat(v.filesChecked()).isTrue();
        assertThat(v.findings()).extracting(EvidenceFinding::toString).containsExactly(
                "manifest.sig: missing from the package", "signing-key.pub: missing from the package");
    }

    @Test
    void aDuplicatedEntryNameIsNamed() throws Exception {
        // java.util.zip will not write two entries of one name, so the second is renamed in place (same length).
        Path added = rezip(good, tmp.resolve("added.zip"), name -> true, "cam9.mp4",
                "a second cam1".getBytes(StandardCharsets.US_ASCII));
        String all = new String(Files.readAllBytes(added), StandardCharsets.ISO_8859_1);
        assertThat(all.split("cam9\\.mp4", -1)).hasSize(3); // local header and central directory, nowhere else
        Path twice = Files.write(tmp.resolve("twice.zip"),
                all.replace("cam9.mp4", "cam1.mp4").getBytes(StandardCharsets.ISO_8859_1));
        EvidenceVerification v = EvidenceVerifier.verify(twice, key.publicKey());
        // Which copy a reader takes is up to the reader: the one read may also differ from the manifest.
        assertThat(v.findings()).isNotEmpty().allMatch(f -> f.entry().equals("cam1.mp4"));
        assertThat(v.findings().get(0)).hasToString("cam1.mp4: appears more than once in the archive");
    }

    @Test
    void writerRefusesToOverwriteAndLeavesNothingBehindOnFailure() throws Exception {
        EvidencePackageWriter writer = new EvidencePackageWriter(key, InstantSource.fixed(CREATED));
        assertThatThrownBy(() -> writer.write(EvidencePackages.request(), inputs, good))
                .isInstanceOf(FileAlreadyExistsException.class);

        Path out = Files.createDirectories(tmp.resolve("out"));
        List<EvidenceInput> gone = List.of(inputs.get(0), new EvidenceInput("cam2.mp4", tmp.resolve("gone.bin"), List.of()));
        assertThatThrownBy(() -> writer.write(EvidencePackages.request(), gone, out.resolve("x.zip")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(Files.list(out)).isEmpty();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> writer.write(EvidencePackages.request(), inputs, out.resolve("x.zip")))
                    .isInstanceOf(InterruptedIOException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.list(out)).isEmpty();
    }

    @Test
    void writerReportsProgressUpToTheSumOfTheFiles() throws Exception {
        List<Long> seen = new ArrayList<>();
        new EvidencePackageWriter(key, InstantSource.fixed(CREATED))
                .write(EvidencePackages.request(), inputs, tmp.resolve("p.zip"), seen::add);
        assertThat(seen).isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(300_001L + 1_048_583L);
        assertThat(seen).contains(300_001L);
    }

    @Test
    void writerRefusesNamesThatCouldLeaveTheFolderOrShadowItsOwnEntries() {
        for (String name : List.of("../x.mp4", "a/b.mp4", ".hidden", "manifest.json", "", "x".repeat(129))) {
            assertThatThrownBy(() -> new EvidenceInput(name, Path.of("x"), List.of()))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        List<EvidenceInput> twice = List.of(inputs.get(0), inputs.get(0));
        assertThatThrownBy(() -> new EvidencePackageWriter(key, InstantSource.fixed(CREATED))
                .write(EvidencePackages.request(), twice, tmp.resolve("t.zip")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            return zf.getInputStream(zf.getEntry(name)).readAllBytes();
        }
    }

    /** A copy of {@code zip} keeping the entries {@code keep} accepts, with {@code name} replaced or added. */
    private static Path rezip(Path zip, Path to, Predicate<String> keep, String name, byte[] bytes) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            boolean replaced = false;
            Enumeration<? extends ZipEntry> all = zf.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (!keep.test(e.getName())) {
                    continue;
                }
                boolean swap = e.getName().equals(name);
                replaced |= swap;
                EvidencePackages.putStored(out, e.getName(), swap ? bytes : zf.getInputStream(e).readAllBytes());
            }
            if (name != null && !replaced) {
                EvidencePackages.putStored(out, name, bytes);
            }
        }
        return to;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
