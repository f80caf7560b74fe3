package io.xueliang.storage.evidence;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads an evidence package's ZIP structure itself (PKWARE APPNOTE 6.3) and finds every byte and header that a reader
 * of the central directory (java.util.zip.ZipFile, the verifier's content checks) and a streaming reader (one that
 * walks the local headers from the start, as many unzip tools and libraries do) could see differently:
 *
 * <pre>
 *   [local header 1][data 1] [local header 2][data 2] ... [central directory] [zip64 end + locator] [end record]
 *   ^ byte 0        no gap between them, and none before the directory      ^ only with ZIP64  ^ last byte of the file
 * </pre>
 *
 * A package passes only when the entries of the central directory, taken in offset order, tile the file from byte 0 up
 * to the directory with nothing between them; each local header repeats its directory entry (name, flags, method,
 * CRC-32, sizes); the directory ends where the end records begin; and the end record (no comment) ends the file. So an
 * entry smuggled in before the directory, a prefix, a local header renamed or resized behind the directory's back, or
 * data appended after the end all fail.
 *
 * <p>Entries must be STORED without a data descriptor and unencrypted, as {@link EvidencePackageWriter} writes them:
 * then an entry's bytes are exactly its compressed size long, and no reader has to guess where they end.
 */
final class ZipLayout {
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int ZIP64_END_SIG = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int LOCAL_LENGTH = 30;
    private static final int CENTRAL_LENGTH = 46;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long U32 = 0xFFFFFFFFL;
    private static final int U16 = 0xFFFF;
    /** Largest central directory read: 46 bytes and a name of at most 128 per entry, far more entries than a package
     *  may hold (and room for extras); bounds what a hostile archive makes the verifier read. */
    static final int MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

    private ZipLayout() {
    }

    /** One entry of the central directory. */
    private record Central(String name, byte[] rawName, int flags, int method, long crc, long compressedSize,
            long size, long offset) {
    }

    /** A problem, with the entry it concerns ({@code null}: the archive itself). */
    private record Problem(String entry, String text) {
    }

    /**
     * Every problem with the layout of {@code zip}, each naming its entry or {@code zipName} for the archive itself;
     * empty when the layout is as {@link EvidencePackageWriter} writes it.
     */
    static List<EvidenceFinding> check(Path zip, String zipName) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<Problem> problems = new ArrayList<>();
            try {
                new Reader(ch, problems).check();
            } catch (EOFException e) {
                problems.add(new Problem(null, "truncated: " + e.getMessage()));
            }
            return problems.stream().map(p -> new EvidenceFinding(p.entry == null ? zipName : p.entry, p.text))
                    .toList();
        }
    }

    private static final class Reader {
        private final FileChannel ch;
        private final List<Problem> problems;
        private final long size;

        Reader(FileChannel ch, List<Problem> problems) throws IOException {
            this.ch = ch;
            this.problems = problems;
            this.size = ch.size();
        }

        private void archive(String text) {
            problems.add(new Problem(null, text));
        }

        private void entry(Central c, String text) {
            problems.add(new Problem(c.name, text));
        }

        private ByteBuffer read(long at, int length) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw new EOFException("archive ends at byte " + size + " inside a structure at byte " + at);
                }
            }
            return b.flip();
        }

        void check() throws IOException {
            long endAt = findEnd();
            if (endAt < 0) {
                return;
            }
            ByteBuffer end = read(endAt, END_LENGTH);
            int disk = u16(end, 4);
            int directoryDisk = u16(end, 6);
            long entriesOnDisk = u16(end, 8);
            long entries = u16(end, 10);
            long directorySize = u32(end, 12);
            long directoryOffset = u32(end, 16);
            int commentLength = u16(end, 20);
            if (commentLength > 0) {
                archive("the end record carries a comment of " + commentLength + " bytes that nothing signs");
            }
            long directoryEnd = endAt;
            boolean zip64 = false;
            if (endAt >= ZIP64_LOCATOR_LENGTH && read(endAt - ZIP64_LOCATOR_LENGTH, 4).getInt(0) == ZIP64_LOCATOR_SIG) {
                zip64 = true;
                ByteBuffer locator = read(endAt - ZIP64_LOCATOR_LENGTH, ZIP64_LOCATOR_LENGTH);
                long recordAt = locator.getLong(8);
                if (locator.getInt(4) != 0 || locator.getInt(16) != 1) {
                    archive("spans more than one disk");
                    return;
                }
                if (recordAt < 0 || recordAt + ZIP64_END_LENGTH > endAt - ZIP64_LOCATOR_LENGTH
                        || read(recordAt, 4).getInt(0) != ZIP64_END_SIG) {
                    archive("the ZIP64 locator points at byte " + recordAt + ", where there is no ZIP64 end record");
                    return;
                }
                ByteBuffer record = read(recordAt, ZIP64_END_LENGTH);
                long recordEnd = recordAt + 12 + record.getLong(4);
                if (recordEnd != endAt - ZIP64_LOCATOR_LENGTH) {
                    archive("bytes " + recordEnd + ".." + (endAt - ZIP64_LOCATOR_LENGTH - 1)
                            + " between the ZIP64 end record and its locator are covered by nothing");
                }
                disk = record.getInt(16);
                directoryDisk = record.getInt(20);
                entriesOnDisk = record.getLong(24);
                entries = record.getLong(32);
                directorySize = record.getLong(40);
                directoryOffset = record.getLong(48);
                directoryEnd = recordAt;
            }
            if (disk != 0 || directoryDisk != 0 || entriesOnDisk != entries) {
                archive("spans more than one disk");
                return;
            }
            if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
                archive("the central directory (" + directorySize + " bytes at byte " + directoryOffset
                        + ") does not end where the " + (zip64 ? "ZIP64 " : "") + "end record begins (byte "
                        + directoryEnd + ")");
                return;
            }
            if (directorySize > MAX_DIRECTORY_BYTES) {
                archive("central directory larger than " + MAX_DIRECTORY_BYTES + " bytes: not an evidence package");
                return;
            }
            List<Central> directory = readDirectory(directoryOffset, (int) directorySize, entries);
            if (directory == null) {
                return;
            }
            checkEntries(directory, directoryOffset);
        }

        /**
         * Where the end record is: the last one whose comment reaches exactly to the end of the file, else the last
         * one at all (then what follows it is reported); -1, reported, when there is none.
         */
        private long findEnd() throws IOException {
            long from = Math.max(0, size - END_LENGTH - U16 - 1L);
            if (size < END_LENGTH) {
                archive("too short for a ZIP archive");
                return -1;
            }
            ByteBuffer tail = read(from, (int) (size - from));
            long last = -1;
            for (int i = tail.limit() - END_LENGTH; i >= 0; i--) {
                if (tail.getInt(i) == END_SIG) {
                    if (from + i + END_LENGTH + u16(tail, i + 20) == size) {
                        return from + i;
                    }
                    if (last < 0) {
                        last = from + i;
                    }
                }
            }
            if (last < 0) {
                archive("no end of central directory record in its last " + tail.limit() + " bytes");
                return -1;
            }
            ByteBuffer end = read(last, END_LENGTH);
            long after = size - last - END_LENGTH - u16(end, 20);
            archive(after > 0 ? after + " bytes follow the end of central directory record"
                    : "the end record's comment runs " + -after + " bytes past the end of the file");
            return last;
        }

        private List<Central> readDirectory(long offset, int length, long expected) throws IOException {
            ByteBuffer d = read(offset, length);
            List<Central> found = new ArrayList<>();
            int at = 0;
            while (at < length) {
                if (found.size() == EvidenceVerifier.MAX_ENTRIES) {
                    archive("more than " + EvidenceVerifier.MAX_ENTRIES + " entries: not an evidence package");
                    return null;
                }
                if (at + CENTRAL_LENGTH > length || d.getInt(at) != CENTRAL_SIG) {
                    archive("the central directory is damaged at byte " + (offset + at)
                            + " (no directory entry there)");
                    return null;
                }
                int flags = u16(d, at + 8);
                int method = u16(d, at + 10);
                long crc = u32(d, at + 16);
                long compressed = u32(d, at + 20);
                long plain = u32(d, at + 24);
                int nameLength = u16(d, at + 28);
                int extraLength = u16(d, at + 30);
                int commentLength = u16(d, at + 32);
                int startDisk = u16(d, at + 34);
                long local = u32(d, at + 42);
                int next = at + CENTRAL_LENGTH + nameLength + extraLength + commentLength;
                if (next > length) {
                    archive("the central directory entry at byte " + (offset + at) + " runs past the directory's end");
                    return null;
                }
                byte[] rawName = new byte[nameLength];
                d.get(at + CENTRAL_LENGTH, rawName);
                long[] wide = zip64(d.slice(at + CENTRAL_LENGTH + nameLength, extraLength)
                        .order(ByteOrder.LITTLE_ENDIAN), plain == U32, compressed == U32, local == U32);
                String name = new String(rawName, (flags & 0x0800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                if (wide == null) {
                    archive("the central directory entry of '" + name + "' lacks the ZIP64 sizes it announces");
                    return null;
                }
                Central c = new Central(name, rawName, flags, method, crc,
                        compressed == U32 ? wide[1] : compressed, plain == U32 ? wide[0] : plain,
                        local == U32 ? wide[2] : local);
                if (startDisk != 0 && startDisk != U16) {
                    entry(c, "starts on another disk");
                }
                found.add(c);
                at = next;
            }
            if (found.size() != expected) {
                archive("the central directory holds " + found.size() + " entries, the end record says " + expected);
            }
            return found;
        }

        /**
         * The ZIP64 extended information of an extra field: [size, compressed size, offset], each read only when
         * its 32-bit field is 0xFFFFFFFF (in that order, APPNOTE 4.5.3); null when the field is needed but absent.
         */
        private static long[] zip64(ByteBuffer extra, boolean size, boolean compressed, boolean offset) {
            long[] wide = new long[3];
            if (!size && !compressed && !offset) {
                return wide;
            }
            int at = 0;
            while (at + 4 <= extra.limit()) {
                int id = u16(extra, at);
                int length = u16(extra, at + 2);
                if (at + 4 + length > extra.limit()) {
                    return null;
                }
                if (id == ZIP64_EXTRA) {
                    int p = at + 4;
                    int needed = 8 * ((size ? 1 : 0) + (compressed ? 1 : 0) + (offset ? 1 : 0));
                    if (length < needed) {
                        return null;
                    }
                    if (size) {
                        wide[0] = extra.getLong(p);
                        p += 8;
                    }
                    if (compressed) {
                        wide[1] = extra.getLong(p);
                        p += 8;
                    }
                    if (offset) {
                        wide[2] = extra.getLong(p);
                    }
                    return wide;
                }
                at += 4 + length;
            }
            return null;
        }

        private void checkEntries(List<Central> directory, long directoryOffset) throws IOException {
            List<Central> byOffset = new ArrayList<>(directory);
            byOffset.sort(Comparator.comparingLong(Central::offset));
            long cursor = 0;
            for (Central c : byOffset) {
                if ((c.flags & 0x0001) != 0) {
                    entry(c, "is encrypted: evidence package entries are not");
                }
                if ((c.flags & 0x0008) != 0) {
                    entry(c, "uses a data descriptor: evidence package entries state their sizes up front");
                }
                if (c.method != 0) {
                    entry(c, "is compressed (method " + c.method + "): evidence package entries are stored, so that"
                            + " every reader finds the same bytes");
                } else if (c.compressedSize != c.size) {
                    entry(c, "is stored but its sizes differ (" + c.compressedSize + " and " + c.size + " bytes)");
                }
                if (c.offset > cursor) {
                    gap(cursor, c.offset);
                } else if (c.offset < cursor) {
                    entry(c, "starts at byte " + c.offset + ", inside the entry before it: entries overlap");
                    continue;
                }
                long end = checkLocal(c, directoryOffset);
                if (end < 0) {
                    cursor = Math.max(cursor, c.offset);
                    continue;
                }
                if (end > directoryOffset) {
                    entry(c, "runs " + (end - directoryOffset) + " bytes into the central directory");
                }
                cursor = end;
            }
            if (cursor < directoryOffset) {
                gap(cursor, directoryOffset);
            }
        }

        /** Compares the local header with {@code c}; the end of the entry's data, or -1 when there is no header. */
        private long checkLocal(Central c, long directoryOffset) throws IOException {
            if (c.offset + LOCAL_LENGTH > directoryOffset || read(c.offset, 4).getInt(0) != LOCAL_SIG) {
                entry(c, "has no local header at byte " + c.offset + ", where the central directory places it");
                return -1;
            }
            ByteBuffer h = read(c.offset, LOCAL_LENGTH);
            int flags = u16(h, 6);
            int method = u16(h, 8);
            long crc = u32(h, 14);
            long compressed = u32(h, 18);
            long plain = u32(h, 22);
            int nameLength = u16(h, 26);
            int extraLength = u16(h, 28);
            ByteBuffer tail = read(c.offset + LOCAL_LENGTH, nameLength + extraLength);
            byte[] rawName = new byte[nameLength];
            tail.get(0, rawName);
            if (!Arrays.equals(rawName, c.rawName)) {
                entry(c, "its local header names it '" + new String(rawName, StandardCharsets.UTF_8)
                        + "': a streaming unzip would extract another file than the central directory lists");
            }
            if (flags != c.flags) {
                entry(c, "its local header's flags (0x" + Integer.toHexString(flags) + ") differ from the central"
                        + " directory's (0x" + Integer.toHexString(c.flags) + ")");
            }
            if (method != c.method) {
                entry(c, "its local header says compression method " + method + ", the central directory "
                        + c.method);
            }
            if (crc != c.crc) {
                entry(c, "its local header says CRC-32 " + Long.toHexString(crc) + ", the central directory "
                        + Long.toHexString(c.crc));
            }
            long[] wide = zip64(tail.slice(nameLength, extraLength).order(ByteOrder.LITTLE_ENDIAN),
                    plain == U32, compressed == U32, false);
            if (wide == null) {
                entry(c, "its local header lacks the ZIP64 sizes it announces");
                return -1;
            }
            long localCompressed = compressed == U32 ? wide[1] : compressed;
            long localSize = plain == U32 ? wide[0] : plain;
            if (localCompressed != c.compressedSize || localSize != c.size) {
                entry(c, "its local header says " + localSize + " bytes (" + localCompressed + " stored), the central"
                        + " directory " + c.size + " (" + c.compressedSize + " stored): a streaming unzip would read"
                        + " another length");
            }
            return c.offset + LOCAL_LENGTH + nameLength + extraLength + c.compressedSize;
        }

        /** Bytes {@code from..to-1} that no entry covers; names a hidden entry when one starts there. */
        private void gap(long from, long to) throws IOException {
            String what = "";
            if (to - from >= LOCAL_LENGTH && read(from, 4).getInt(0) == LOCAL_SIG) {
                ByteBuffer h = read(from, LOCAL_LENGTH);
                int nameLength = (int) Math.min(u16(h, 26), to - from - LOCAL_LENGTH);
                String name = new String(read(from + LOCAL_LENGTH, nameLength).array(), StandardCharsets.UTF_8);
                what = "; they hold a local entry '" + name + "' that the central directory hides: a streaming unzip"
                        + " would extract it";
            }
            archive("bytes " + from + ".." + (to - 1) + " (" + (to - from) + " bytes) are covered by no entry of the"
                    + " central directory" + what);
        }

        private static int u16(ByteBuffer b, int at) {
            return Short.toUnsignedInt(b.getShort(at));
        }

        private static long u32(ByteBuffer b, int at) {
            return Integer.toUnsignedLong(b.getInt(at));
        }
    }
}
