package io.xueliang.storage.evidence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Shared pieces of the evidence tests: a request, two generated files, and where an entry's bytes lie in a ZIP. */
final class EvidencePackages {
    static final Instant FROM = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant TO = Instant.parse("2026-11-22T08:02:00Z");
    static final String SEGMENT_HASH_1 = "11".repeat(32);
    static final String SEGMENT_HASH_2 = "22".repeat(32);

    private EvidencePackages() {
    }

    static EvidenceRequest request() {
        return new EvidenceRequest(
                List.of(new EvidenceCamera("cam1", "Gate 北门", List.of("Changsha", "Yuelu")),
                        new EvidenceCamera("cam2", "Yard", List.of())),
                FROM, TO, "investigator1", "XT-2026-0042", "theft at the north gate", "0.1.0-test");
    }

    /** cam1.mp4 and cam2.mp4: bytes from a seeded generator, sizes that do not fill whole buffers. */
    static List<EvidenceInput> inputs(Path dir) throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        Files.write(a, bytes(1, 300_001));
        Files.write(b, bytes(2, 1_048_583));
        return List.of(
                new EvidenceInput("cam1.mp4", a, List.of(
                        new SourceSegment("cam1", FROM.minusSeconds(30), FROM.plusSeconds(30), SEGMENT_HASH_1),
                        new SourceSegment("cam1", FROM.plusSeconds(30), TO, SEGMENT_HASH_2))),
                new EvidenceInput("cam2.mp4", b, List.of(
                        new SourceSegment("cam2", FROM, TO, SEGMENT_HASH_1))));
    }

    static byte[] bytes(long seed, int n) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** Offset and length of {@code entry}'s stored bytes in {@code zip}, from its local header. */
    static long[] dataSpan(Path zip, String entry) throws IOException {
        byte[] all = Files.readAllBytes(zip);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            long offset = 0;
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (b.getInt((int) offset) != 0x04034b50) {
                    throw new IllegalStateException("no local header at " + offset);
                }
                int nameLength = Short.toUnsignedInt(b.getShort((int) offset + 26));
                int extraLength = Short.toUnsignedInt(b.getShort((int) offset + 28));
                long data = offset + 30 + nameLength + extraLength;
                if (e.getName().equals(entry)) {
                    return new long[] {data, e.getCompressedSize()};
                }
                offset = data + e.getCompressedSize();
            }
        }
        throw new IllegalArgumentException("no entry " + entry);
    }

    /** A copy of {@code zip} with the byte at {@code offset} XORed with {@code mask}. */
    static Path flipped(Path zip, long offset, int mask, Path to) throws IOException {
        byte[] all = Files.readAllBytes(zip);
        all[(int) offset] ^= (byte) mask;
        return Files.write(to, all);
    }

    /** Adds {@code name} holding {@code bytes} to {@code out} as a STORED entry, as the package writer stores files. */
    static void putStored(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }
}
