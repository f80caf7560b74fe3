package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The growing payload of the access unit being assembled: NAL units with 4-byte big-endian length
 * prefixes, written straight from packet payloads (fragments included) so that each unit costs
 * one copy into this reused array and one array for the finished unit.
 *
 * <p>Bounded by {@code maxBytes}: past it the unit is marked oversized and further bytes are not
 * kept, which stops a hostile camera from exhausting memory with an endless access unit.
 */
public final class AccessUnitBuffer {
    private static final int INITIAL_BYTES = 16 * 1024;

    private final int maxBytes;
    private byte[] data;
    private int size;
    private boolean oversized;

    public AccessUnitBuffer(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.data = new byte[Math.min(INITIAL_BYTES, maxBytes)];
    }

    /** The limit this buffer enforces. */
    public int maxBytes() {
        return maxBytes;
    }

    public void reset() {
        size = 0;
        oversized = false;
    }

    public int size() {
        return size;
    }

    public boolean oversized() {
        return oversized;
    }

    /** Direct access for reading back what was written; valid up to {@link #size()}. */
    public byte[] array() {
        return data;
    }

    /** Starts a NAL unit: reserves its length prefix and returns where it begins. */
    public int beginNal() {
        int start = size;
        if (ensure(4)) {
            size += 4;
        }
        return start;
    }

    /** Patches the length prefix of the NAL unit begun at {@code start}. */
    public void endNal(int start) {
        if (oversized) {
            return;
        }
        int len = size - start - 4;
        data[start] = (byte) (len >>> 24);
        data[start + 1] = (byte) (len >>> 16);
        data[start + 2] = (byte) (len >>> 8);
        data[start + 3] = (byte) len;
    }

    /** Forgets everything from {@code start} on (a dropped NAL unit). */
    public void truncate(int start) {
        if (!oversized) {
            size = start;
        }
    }

    public void writeByte(int b) {
        if (ensure(1)) {
            data[size++] = (byte) b;
        }
    }

    public void write(ByteBuf src, int index, int length) {
        if (ensure(length)) {
            src.getBytes(index, data, size, length);
            size += length;
        }
    }

    public void write(byte[] src) {
        if (ensure(src.length)) {
            System.arraycopy(src, 0, data, size, src.length);
            size += src.length;
        }
    }

    /** A copy of {@code [from, size)} preceded by {@code prefix} (may be empty). */
    public byte[] copyOut(byte[] prefix, int from) {
        byte[] out = new byte[prefix.length + size - from];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(data, from, out, prefix.length, size - from);
        return out;
    }

    private boolean ensure(int more) {
        if (oversized) {
            return false;
        }
        long needed = (long) size + more;
        if (needed > maxBytes) {
            oversized = true;
            return false;
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(maxBytes, grown(needed)));
        }
        return true;
    }

    /**
     * The size to grow to: what is needed and a quarter more, in whole 4 KiB. Not doubling: the array is kept for the
     * session and sized by its largest unit (a keyframe), and at 1,000 cameras doubling left each holding 256 KiB for
     * keyframes of 100-130 KiB, a quarter of a gigabyte of heap (docs/BENCHMARKS.md, issue 10 item 22).
     */
    private static long grown(long needed) {
        long n = needed + needed / 4;
        return (n + 4095) / 4096 * 4096;
    }
}
