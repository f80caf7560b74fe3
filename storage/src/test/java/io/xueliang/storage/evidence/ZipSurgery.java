package io.xueliang.storage.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipOutputStream;

/**
 * Takes apart a ZIP as {@link EvidencePackageWriter} writes it (stored entries, no ZIP64, no comment) and puts it
 * together again with the changes an attacker or a broken tool would make, byte by byte: the tampered packages of the
 * layout tests.
 */
final class ZipSurgery {
    /** One entry: its local record (header and data) and its central directory entry, as bytes. */
    static final class Entry {
        final String name;
        byte[] local;
        byte[] central;

        Entry(String name, byte[] local, byte[] central) {
            this.name = name;
            this.local = local;
            this.central = central;
        }

        ByteBuffer localHeader() {
            return ByteBuffer.wrap(local).order(ByteOrder.LITTLE_ENDIAN);
        }

        ByteBuffer centralHeader() {
            return ByteBuffer.wrap(central).order(ByteOrder.LITTLE_ENDIAN);
        }

        long crc() {
            return Integer.toUnsignedLong(centralHeader().getInt(16));
        }

        long size() {
            return Integer.toUnsignedLong(centralHeader().getInt(24));
        }
    }

    final List<Entry> entries = new ArrayList<>();

    private ZipSurgery() {
    }

    static ZipSurgery of(Path zip) throws IOException {
        return of(Files.readAllBytes(zip));
    }

    static ZipSurgery of(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        if (b.getInt(end) != 0x06054b50 || b.getShort(end + 20) != 0) {
            throw new IllegalArgumentException("not a ZIP without comment");
        }
        int count = Short.toUnsignedInt(b.getShort(end + 10));
        int directory = b.getInt(end + 16);
        ZipSurgery z = new ZipSurgery();
        int at = directory;
        for (int i = 0; i < count; i++) {
            int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
            int centralLength = 46 + nameLength + Short.toUnsignedInt(b.getShort(at + 30))
                    + Short.toUnsignedInt(b.getShort(at + 32));
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            int local = b.getInt(at + 42);
            int localLength = 30 + Short.toUnsignedInt(b.getShort(local + 26)) + Short.toUnsignedInt(b.getShort(local + 28))
                    + b.getInt(at + 20);
            z.entries.add(new Entry(name, java.util.Arrays.copyOfRange(zip, local, local + localLength),
                    java.util.Arrays.copyOfRange(zip, at, at + centralLength)));
            at += centralLength;
        }
        return z;
    }

    Entry entry(String name) {
        return entries.stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow();
    }

    /** The local record of one stored entry {@code name} holding {@code bytes}, as java.util.zip writes it. */
    static byte[] localRecord(String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            EvidencePackages.putStored(zip, name, bytes);
        }
        return of(out.toByteArray()).entries.getFirst().local;
    }

    /** What to put where when the archive is written again. */
    static final class Layout {
        byte[] prefix = new byte[0];
        /** Before the local record of the entry at this index (entries.size(): before the directory). */
        int insertAt = -1;
        byte[] inserted = new byte[0];
        byte[] comment = new byte[0];
        byte[] trailer = new byte[0];
        /** Leave the directory's offsets as if nothing had been prefixed or inserted (a lazy attacker). */
        boolean keepOffsets;
        boolean zip64;
    }

    byte[] write() {
        return write(new Layout());
    }

    byte[] write(Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(layout.prefix);
        List<Long> offsets = new ArrayList<>();
        long shift = layout.keepOffsets ? out.size() : 0;
        for (int i = 0; i < entries.size(); i++) {
            if (i == layout.insertAt) {
                out.writeBytes(layout.inserted);
                shift += layout.keepOffsets ? layout.inserted.length : 0;
            }
            offsets.add(out.size() - shift);
            out.writeBytes(layout.zip64 ? zip64Local(entries.get(i).local) : entries.get(i).local);
        }
        if (layout.insertAt == entries.size()) {
            out.writeBytes(layout.inserted);
            shift += layout.keepOffsets ? layout.inserted.length : 0;
        }
        long directory = out.size() - shift;
        for (int i = 0; i < entries.size(); i++) {
            byte[] c = layout.zip64 ? zip64Central(entries.get(i).central, offsets.get(i))
                    : entries.get(i).central.clone();
            if (!layout.zip64) {
                ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(42, (int) (long) offsets.get(i));
            }
            out.writeBytes(c);
        }
        long directorySize = out.size() - shift - directory;
        ByteBuffer end;
        if (layout.zip64) {
            long record = out.size();
            ByteBuffer z = ByteBuffer.allocate(56 + 20).order(ByteOrder.LITTLE_ENDIAN);
            z.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entries.size()).putLong(directorySize).putLong(directory);
            z.putInt(0x07064b50).putInt(0).putLong(record).putInt(1);
            out.writeBytes(z.array());
            end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                    .putShort((short) 0xFFFF).putInt(-1).putInt(-1).putShort((short) layout.comment.length);
        } else {
            end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                    .putShort((short) entries.size()).putInt((int) directorySize).putInt((int) directory)
                    .putShort((short) layout.comment.length);
        }
        out.writeBytes(end.array());
        out.writeBytes(layout.comment);
        out.writeBytes(layout.trailer);
        return out.toByteArray();
    }

    /** The local record with its sizes moved to a ZIP64 extra field (as writers do for entries of 4 GiB or more). */
    private static byte[] zip64Local(byte[] local) {
        ByteBuffer h = ByteBuffer.wrap(local).order(ByteOrder.LITTLE_ENDIAN);
        int nameLength = Short.toUnsignedInt(h.getShort(26));
        int extraLength = Short.toUnsignedInt(h.getShort(28));
        long compressed = Integer.toUnsignedLong(h.getInt(18));
        long size = Integer.toUnsignedLong(h.getInt(22));
        ByteBuffer out = ByteBuffer.allocate(local.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        out.put(local, 0, 30 + nameLength);
        out.putShort(4, (short) 45).putInt(18, -1).putInt(22, -1).putShort(28, (short) (extraLength + 20));
        out.putShort((short) 1).putShort((short) 16).putLong(size).putLong(compressed);
        out.put(local, 30 + nameLength, local.length - 30 - nameLength);
        return out.array();
    }

    /** The directory entry with sizes and offset in a ZIP64 extra field. */
    private static byte[] zip64Central(byte[] central, long offset) {
        ByteBuffer h = ByteBuffer.wrap(central).order(ByteOrder.LITTLE_ENDIAN);
        int nameLength = Short.toUnsignedInt(h.getShort(28));
        int extraLength = Short.toUnsignedInt(h.getShort(30));
        long compressed = Integer.toUnsignedLong(h.getInt(20));
        long size = Integer.toUnsignedLong(h.getInt(24));
        ByteBuffer out = ByteBuffer.allocate(central.length + 28).order(ByteOrder.LITTLE_ENDIAN);
        out.put(central, 0, 46 + nameLength + extraLength);
        out.putShort(6, (short) 45).putInt(20, -1).putInt(24, -1).putInt(42, -1)
                .putShort(30, (short) (extraLength + 28));
        out.putShort((short) 1).putShort((short) 24).putLong(size).putLong(compressed).putLong(offset);
        out.put(central, 46 + nameLength + extraLength, central.length - 46 - nameLength - extraLength);
        return out.array();
    }
}
