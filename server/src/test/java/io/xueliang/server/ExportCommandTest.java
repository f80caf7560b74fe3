package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.storage.evidence.EvidenceCamera;
import io.xueliang.storage.evidence.EvidenceInput;
import io.xueliang.storage.evidence.EvidencePackageWriter;
import io.xueliang.storage.evidence.EvidenceRequest;
import io.xueliang.storage.evidence.ExportSigningKey;
import io.xueliang.storage.evidence.SourceSegment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xueliang export verify} as an investigator or a court's expert runs it, on a whole package and a damaged one. */
class ExportCommandTest {
    private static final Instant FROM = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path tmp;
    private ExportSigningKey key;
    private Path pkg;
    private byte[] cam1;

    private record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = new CommandLine(new Main());
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @BeforeEach
    void writePackage() throws Exception {
        key = ExportSigningKey.loadOrCreate(tmp.resolve("data"));
        cam1 = new byte[200_000];
        new Random(1).nextBytes(cam1);
        byte[] cam2 = new byte[70_001];
        new Random(2).nextBytes(cam2);
        Path a = Files.write(tmp.resolve("a.bin"), cam1);
        Path b = Files.write(tmp.resolve("b.bin"), cam2);
        String segment = "0f".repeat(32);
        pkg = tmp.resolve("XT-2026-0042.zip");
        new EvidencePackageWriter(key, InstantSource.fixed(Instant.parse("2026-11-22T09:00:00Z"))).write(
                new EvidenceRequest(List.of(new EvidenceCamera("cam1", "Gate", List.of("Yuelu")),
                        new EvidenceCamera("cam2", "Yard", List.of("Yuelu"))), FROM, FROM.plusSeconds(120),
                        "investigator1", "XT-2026-0042", "theft", "0.1.0"),
                List.of(new EvidenceInput("cam1.mp4", a, List.of(new SourceSegment("cam1", FROM, FROM.plusSeconds(120), segment))),
                        new EvidenceInput("cam2.mp4", b, List.of(new SourceSegment("cam2", FROM, FROM.plusSeconds(120), segment)))),
                pkg);
    }

    @Test
    void passesAWholePackageWithTheTrustedKey() {
        Path pub = tmp.resolve("data/keys").resolve(ExportSigningKey.PUBLIC_FILE);
        Run r = run("export", "verify", pkg.toString(), "--key", pub.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("evidence package verified", "case XT-2026-0042", "cam1.mp4  200000 bytes",
                "cam2.mp4  70001 bytes", "checked with the trusted key " + pub + ", fingerprint " + key.fingerprint());
    }

    @Test
    void withoutAKeyExitsFourAndSaysWhichFingerprintToCompare() {
        Run r = run("export", "verify", pkg.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.out()).contains("evidence package verified");
        assertThat(r.out()).contains("checked with the key inside the package, fingerprint " + key.fingerprint(),
                "/api/v1/exports/key");
    }

    @Test
    void failsAfterOneChangedByteNamingTheFile() throws Exception {
        byte[] zip = Files.readAllBytes(pkg);
        int at = indexOf(zip, Arrays.copyOf(cam1, 64));
        assertThat(at).isPositive();
        zip[at + 100_000] ^= 0x10;
        Files.write(pkg, zip);
        Run r = run("export", "verify", pkg.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("evidence package FAILED verification", "1 problem(s)",
                "  cam1.mp4: SHA-256 differs from the manifest").doesNotContain("cam2.mp4:");
    }

    @Test
    void failsAfterOneChangedByteInTheManifestNamingIt() throws Exception {
        byte[] zip = Files.readAllBytes(pkg);
        int at = indexOf(zip, "\"operator\":\"investigator1\"".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        zip[at + "\"operator\":\"investigator".length()] = '2';
        Files.write(pkg, zip);
        Run r = run("export", "verify", pkg.toString(), "--key", tmp.resolve("data/keys/export-signing.pub").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("  manifest.json: signature does not verify").doesNotContain("cam1.mp4:", "cam2.mp4:");
    }

    @Test
    void aTrustedKeyThatDidNotSignIsAnUnknownSignerAndATamperedOneAFailure() throws Exception {
        ExportSigningKey other = ExportSigningKey.loadOrCreate(tmp.resolve("elsewhere"));
        Path pub = Files.writeString(tmp.resolve("other.pem"), other.publicKeyPem());
        Run r = run("export", "verify", pkg.toString(), "--key", pub.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("signed by an UNKNOWN key", "signing-key.pub: the package is signed by key "
                + key.fingerprint() + ", not by the trusted key " + other.fingerprint());

        byte[] zip = Files.readAllBytes(pkg);
        zip[indexOf(zip, Arrays.copyOf(cam1, 64)) + 10] ^= 1;
        Files.write(pkg, zip);
        Run tampered = run("export", "verify", pkg.toString(), "--key", pub.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("FAILED verification", "cam1.mp4: SHA-256 differs from the manifest");
    }

    @Test
    void aTruncatedPackageIsAFindingButAMissingFileOrBadKeyIsAnError() throws Exception {
        byte[] zip = Files.readAllBytes(pkg);
        Files.write(pkg, Arrays.copyOf(zip, zip.length / 2));
        Run cut = run("export", "verify", pkg.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.out()).contains("XT-2026-0042.zip: not a complete ZIP archive");

        Run missing = run("export", "verify", tmp.resolve("none.zip").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read", "none.zip", "no such file");

        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a key");
        Run badKey = run("export", "verify", pkg.toString(), "--key", junk.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("junk.pem", "not a PEM");

        Run usage = run("export", "verify");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter: 'FILE'");
    }

    /** Issue 10 item 17: a package whole under its own key, but not signed by the key the verifier was told. */
    @Test
    void aPackageSignedByAnotherKeyThanTheOneGivenExitsThree() throws Exception {
        ExportSigningKey other = ExportSigningKey.loadOrCreate(tmp.resolve("elsewhere"));
        Path forged = tmp.resolve("forged.zip");
        new EvidencePackageWriter(other, InstantSource.fixed(Instant.parse("2026-11-22T09:00:00Z"))).write(
                new EvidenceRequest(List.of(new EvidenceCamera("cam1", "Gate", List.of("Yuelu"))), FROM,
                        FROM.plusSeconds(120), "investigator1", "XT-2026-0042", "theft", "0.1.0"),
                List.of(new EvidenceInput("cam1.mp4", tmp.resolve("a.bin"), List.of())), forged);
        Path pub = tmp.resolve("data/keys").resolve(ExportSigningKey.PUBLIC_FILE);

        Run byKey = run("export", "verify", forged.toString(), "--key", pub.toString());
        assertThat(byKey.exit()).as(byKey.out() + byKey.err()).isEqualTo(3);
        assertThat(byKey.out()).contains("signed by key " + other.fingerprint() + ", not by the trusted key "
                + key.fingerprint());

        Run byFingerprint = run("export", "verify", forged.toString(), "--fingerprint", key.fingerprint());
        assertThat(byFingerprint.exit()).as(byFingerprint.out() + byFingerprint.err()).isEqualTo(3);

        Run genuine = run("export", "verify", pkg.toString(), "--fingerprint", key.fingerprint().toUpperCase());
        assertThat(genuine.exit()).as(genuine.out() + genuine.err()).isZero();
        assertThat(genuine.out()).contains("evidence package verified", "checked with the trusted fingerprint");

        Run badFingerprint = run("export", "verify", pkg.toString(), "--fingerprint", "abc");
        assertThat(badFingerprint.exit()).isEqualTo(2);
        assertThat(badFingerprint.err()).contains("--fingerprint", "64 hex digits");
    }

    /** Issue 10 item 17: the entry a streaming unzip would extract is no longer invisible to verify. */
    @Test
    void aPackageWithAnEntrySmuggledBeforeTheDirectoryFails() throws Exception {
        byte[] zip = Files.readAllBytes(pkg);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int directory = b.getInt(zip.length - 22 + 16);
        byte[] tampered = Arrays.copyOf(cam1, cam1.length);
        tampered[1000] ^= 1;
        java.io.ByteArrayOutputStream one = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(one)) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("cam1.mp4");
            e.setMethod(java.util.zip.ZipEntry.STORED);
            e.setSize(tampered.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(tampered);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(tampered);
        }
        byte[] local = Arrays.copyOf(one.toByteArray(), 30 + "cam1.mp4".length() + tampered.length);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(zip, 0, directory);
        out.write(local);
        out.write(zip, directory, zip.length - directory);
        byte[] smuggled = out.toByteArray();
        java.nio.ByteBuffer.wrap(smuggled).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(smuggled.length - 22 + 16, directory + local.length);
        Files.write(pkg, smuggled);

        Run r = run("export", "verify", pkg.toString(), "--key", tmp.resolve("data/keys/export-signing.pub").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("a local entry 'cam1.mp4' that the central directory hides");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
