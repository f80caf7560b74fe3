package io.xueliang.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10 item 17: packages whose ZIP structure lets two readers see different files. Each passed {@code export
 * verify} (which reads the central directory only) while a streaming unzip could return something else.
 */
class EvidencePackageLayoutTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static ExportSigningKey key;
    private static Path good;
    private static byte[] tampered;

    @BeforeAll
    static void writeOnePackage() throws IOException {
        key = ExportSigningKey.loadOrCreate(shared.resolve("root"));
        good = shared.resolve("export.zip");
        new EvidencePackageWriter(key, InstantSource.fixed(Instant.parse("2026-11-22T09:00:00Z")))
                .write(EvidencePackages.request(), EvidencePackages.inputs(shared), good);
        tampered = EvidencePackages.bytes(66, 300_001);
    }

    private Path write(byte[] zip) throws IOException {
        return Files.write(tmp.resolve("tampered.zip"), zip);
    }

    private static EvidenceVerification verify(Path zip) throws IOException {
        return EvidenceVerifier.verify(zip, key.publicKey());
    }

    @Test
    void aLocalEntrySmuggledInBeforeTheDirectoryIsRefusedThoughAStreamingUnzipWouldExtractIt() throws Exception {
        ZipSurgery z = ZipSurgery.of(good);
        ZipSurgery.Layout layout = new ZipSurgery.Layout();
        layout.insertAt = z.entries.size();
        layout.inserted = ZipSurgery.localRecord("cam1.mp4", tampered);
        byte[] zip = z.write(layout);

        // The directory still lists the genuine file...
        Path bad = write(zip);
        try (ZipFile zf = new ZipFile(bad.toFile())) {
            assertThat(zf.getInputStream(zf.getEntry("cam1.mp4")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(EvidencePackages.inputs(tmp).get(0).path()));
        }
        // ...while a streaming reader meets the smuggled copy last, and an unzip to a folder keeps it.
        byte[] streamed = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("cam1.mp4")) {
                    streamed = in.readAllBytes();
                }
            }
        }
        assertThat(streamed).isEqualTo(tampered);

        EvidenceVerification v = verify(bad);
        assertThat(v.ok()).isFalse();
        long at = directoryOffset(Files.readAllBytes(good));
        assertThat(v.findings()).extracting(EvidenceFinding::toString).containsExactly("tampered.zip: bytes " + at + ".."
                + (at + layout.inserted.length - 1) + " (" + layout.inserted.length + " bytes) are covered by no entry"
                + " of the central directory; they hold a local entry 'cam1.mp4' that the central directory hides:"
                + " a streaming unzip would extract it");
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                arguments("bytes before the first entry", z -> z.prefix = new byte[100],
                        "tampered.zip: bytes 0..99 (100 bytes) are covered by no entry of the central directory", ""),
                arguments("bytes before the first entry, offsets left as they were",
                        z -> {
                            z.prefix = "MZ self-extracting stub".getBytes(StandardCharsets.US_ASCII);
                            z.keepOffsets = true;
                        },
                        "tampered.zip: the central directory (", "does not end where the end record begins"),
                arguments("bytes between two entries", z -> {
                    z.insertAt = 1;
                    z.inserted = new byte[37];
                }, "tampered.zip: bytes ", "(37 bytes) are covered by no entry of the central directory"),
                arguments("bytes after the end record", z -> z.trailer = "appended".getBytes(StandardCharsets.US_ASCII),
                        "tampered.zip: 8 bytes follow the end of central directory record", ""),
                arguments("a comment on the end record", z -> z.comment = "hello".getBytes(StandardCharsets.US_ASCII),
                        "tampered.zip: the end record carries a comment of 5 bytes that nothing signs", ""));
    }

    private static Arguments arguments(String name, Consumer<ZipSurgery.Layout> change, String start, String rest) {
        return Arguments.of(name, change, start, rest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void bytesOutsideTheEntriesAndTheDirectoryAreRefused(String name, Consumer<ZipSurgery.Layout> change, String start,
            String rest) throws Exception {
        ZipSurgery.Layout layout = new ZipSurgery.Layout();
        change.accept(layout);
        Path bad = write(ZipSurgery.of(good).write(layout));
        try (ZipFile zf = new ZipFile(bad.toFile())) {
            assertThat(zf.size()).as("java.util.zip still opens it").isEqualTo(5);
        }
        EvidenceVerification v = verify(bad);
        assertThat(v.ok()).isFalse();
        assertThat(v.findings()).extracting(EvidenceFinding::toString)
                .anySatisfy(f -> assertThat(f).startsWith(start).contains(rest));
    }

    static Stream<Arguments> headerEdits() {
        return Stream.of(
                Arguments.of("renamed", (Consumer<ByteBuffer>) h -> h.put(30 + 3, (byte) '9'),
                        "cam1.mp4: its local header names it 'cam9.mp4': a streaming unzip would extract another file"),
                Arguments.of("resized", (Consumer<ByteBuffer>) h -> h.putInt(22, 1000),
                        "cam1.mp4: its local header says 1000 bytes (300001 stored), the central directory 300001"),
                Arguments.of("CRC changed", (Consumer<ByteBuffer>) h -> h.putInt(14, h.getInt(14) ^ 1),
                        "cam1.mp4: its local header says CRC-32 "),
                Arguments.of("method changed", (Consumer<ByteBuffer>) h -> h.putShort(8, (short) 8),
                        "cam1.mp4: its local header says compression method 8, the central directory 0"),
                Arguments.of("flags changed", (Consumer<ByteBuffer>) h -> h.putShort(6, (short) (h.getShort(6) | 0x0008)),
                        "cam1.mp4: its local header's flags (0x808) differ from the central directory's (0x800)"));
    }

    @ParameterizedTest(name = "local header {0}")
    @MethodSource("headerEdits")
    void aLocalHeaderThatDisagreesWithTheDirectoryIsNamed(String name, Consumer<ByteBuffer> edit, String finding)
            throws Exception {
        ZipSurgery z = ZipSurgery.of(good);
        edit.accept(z.entry("cam1.mp4").localHeader());
        EvidenceVerification v = verify(write(z.write()));
        assertThat(v.findings()).extracting(EvidenceFinding::toString).anySatisfy(f -> assertThat(f).startsWith(finding));
    }

    @Test
    void aDirectoryEntryThatIsNotStoredOrUsesADescriptorIsNamed() throws Exception {
        ZipSurgery z = ZipSurgery.of(good);
        z.entry("cam2.mp4").centralHeader().putShort(10, (short) 8);
        z.entry("cam2.mp4").localHeader().putShort(8, (short) 8);
        z.entry("manifest.sig").centralHeader().putShort(8, (short) 0x0008);
        z.entry("manifest.sig").localHeader().putShort(6, (short) 0x0008);
        EvidenceVerification v = verify(write(z.write()));
        assertThat(v.findings()).extracting(EvidenceFinding::toString)
                .contains("cam2.mp4: is compressed (method 8): evidence package entries are stored, so that every"
                        + " reader finds the same bytes",
                        "manifest.sig: uses a data descriptor: evidence package entries state their sizes up front");
    }

    @Test
    void twoDirectoryEntriesSharingOneLocalRecordAreNamed() throws Exception {
        ZipSurgery z = ZipSurgery.of(good);
        // cam2.mp4's directory entry is pointed at cam1.mp4's record, and cam2's own record is left unlisted.
        ZipSurgery.Entry cam1 = z.entry("cam1.mp4");
        ZipSurgery.Entry cam2 = z.entry("cam2.mp4");
        byte[] zip = z.write();
        ByteBuffer b = ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int directory = (int) directoryOffset(zip);
        b.putInt(directory + cam1.central.length + 42, 0);
        EvidenceVerification v = verify(write(zip));
        assertThat(v.findings()).extracting(EvidenceFinding::toString)
                .anySatisfy(f -> assertThat(f).startsWith("cam2.mp4: starts at byte 0, inside the entry before it"))
                .anySatisfy(f -> assertThat(f).startsWith("tampered.zip: bytes " + cam1.local.length + ".."
                        + (cam1.local.length + cam2.local.length - 1)).contains("a local entry 'cam2.mp4'"));
    }

    @Test
    void aZip64PackageVerifiesAndItsLayoutIsCheckedToo() throws Exception {
        ZipSurgery.Layout layout = new ZipSurgery.Layout();
        layout.zip64 = true;
        Path wide = write(ZipSurgery.of(good).write(layout));
        try (ZipFile zf = new ZipFile(wide.toFile())) {
            assertThat(zf.getInputStream(zf.getEntry("cam2.mp4")).readAllBytes()).hasSize(1_048_583);
        }
        if (Files.isExecutable(Path.of("/usr/bin/unzip"))) {
            Process p = new ProcessBuilder("/usr/bin/unzip", "-tq", wide.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        } else {
            System.out.println("skipped: /usr/bin/unzip not installed, the ZIP64 form not read by another reader");
        }
        EvidenceVerification v = verify(wide);
        assertThat(v.findings()).isEmpty();

        layout.insertAt = 5;
        layout.inserted = ZipSurgery.localRecord("cam1.mp4", tampered);
        EvidenceVerification smuggled = verify(write(ZipSurgery.of(good).write(layout)));
        assertThat(smuggled.findings()).extracting(EvidenceFinding::toString)
                .singleElement().asString().contains("a local entry 'cam1.mp4' that the central directory hides");
    }

    @Test
    void theWritersOwnPackagesHaveNoLayoutFindings() throws Exception {
        assertThat(verify(good).findings()).isEmpty();
        assertThat(ZipSurgery.of(good).write()).as("the surgery itself changes nothing").isEqualTo(Files.readAllBytes(good));
    }

    private static long directoryOffset(byte[] zip) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(zip.length - 22 + 16));
    }
}
