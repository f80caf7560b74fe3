package io.xueliang.storage.fmp4.box;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds boxes into a growable big-endian buffer. A box is opened with {@link #start} and closed with
 * {@link #end}, which writes its 32-bit size once the contents are known:
 *
 * <pre>
 * +---------+---------+--------------------------------+
 * | size(4) | type(4) | contents (children or fields)  |     size counts the whole box, header included
 * +---------+---------+--------------------------------+
 * | size(4) | type(4) | version(1) | flags(3) | fields |     a "full box" adds version and flags
 * +---------+---------+--------------------------------+
 * </pre>
 */
public final class BoxWriter {
    private byte[] buf;
    private int len;

    public BoxWriter() {
        this(256);
    }

    public BoxWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Opens a box; returns its position, to be handed to {@link #end}. */
    public int start(String type) {
        int at = len;
        u32(0);
        fourcc(type);
        return at;
    }

    /** Opens a full box (ISO/IEC 14496-12 §4.2.2). */
    public int startFull(String type, int version, int flags) {
        int at = start(type);
        u8(version);
        u24(flags);
        return at;
    }

    /** Closes the box opened at {@code at}, writing its size. */
    public void end(int at) {
        int size = len - at;
        buf[at] = (byte) (size >>> 24);
        buf[at + 1] = (byte) (size >>> 16);
        buf[at + 2] = (byte) (size >>> 8);
        buf[at + 3] = (byte) size;
    }

    public BoxWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xffffffffL);
    }

    /** Writes {@code n} zero bytes (reserved fields). */
    public BoxWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    public BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BoxWriter bytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, len, length);
        len += length;
        return this;
    }

    /** A four-character code: exactly four ASCII characters. */
    public BoxWriter fourcc(String code) {
        byte[] b = code.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("four-character code must have 4 characters: '" + code + "'");
        }
        return bytes(b);
    }

    /** Overwrites a 32-bit field written earlier at {@code at} (a data offset known only later). */
    public void patchU32(int at, long v) {
        if (at < 0 || at + 4 > len) {
            throw new IndexOutOfBoundsException("patch at " + at + " outside " + len + " bytes");
        }
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Bytes written so far. */
    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** A read-only view of the bytes written so far, without copying. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(buf, 0, len).asReadOnlyBuffer();
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) len + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("box buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
