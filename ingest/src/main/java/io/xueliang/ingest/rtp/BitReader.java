package io.xueliang.ingest.rtp;

/**
 * Reads bits most-significant first from a byte array, with the Exp-Golomb codes of H.264/H.265
 * (ITU-T H.264 §9.1). Reading past the end raises {@link RtpFormatException}, so a hostile
 * parameter set cannot escape as an IndexOutOfBoundsException.
 */
public final class BitReader {
    private final byte[] data;
    private final int endBit;
    private int bit;

    public BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range outside array");
        }
        this.data = data;
        this.bit = offset * 8;
        this.endBit = (offset + length) * 8;
    }

    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    public int bitsLeft() {
        return endBit - bit;
    }

    public boolean readFlag() {
        return readBits(1) == 1;
    }

    /** Reads up to 32 bits as an unsigned value. */
    public long readBits(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bits " + n);
        }
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | ((data[bit >>> 3] >>> (7 - (bit & 7))) & 1);
            bit++;
        }
        return v;
    }

    public int readInt(int n) {
        if (n > 31) {
            throw new IllegalArgumentException("bits " + n);
        }
        return (int) readBits(n);
    }

    public void skipBits(int n) {
        need(n);
        bit += n;
    }

    /** Unsigned Exp-Golomb ue(v); values above 2^31-2 are refused (no real stream uses them). */
    public int readUe() {
        int zeros = 0;
        while (readBits(1) == 0) {
            zeros++;
            if (zeros > 31) {
                throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, zeros, 31,
                        "Exp-Golomb prefix");
            }
        }
        long v = (1L << zeros) - 1 + readBits(zeros);
        if (v > Integer.MAX_VALUE) {
            throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, 32, 31, "ue(v) value");
        }
        return (int) v;
    }

    /** Signed Exp-Golomb se(v). */
    public int readSe() {
        int k = readUe();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** Reads ue(v) and checks it against an upper bound from the specification. */
    public int readUe(int max, String field) {
        int v = readUe();
        if (v > max) {
            throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, v, max, field);
        }
        return v;
    }

    private void need(int n) {
        if (n > endBit - bit) {
            throw new RtpFormatException(RtpFormatException.Problem.BITSTREAM_TRUNCATED, n, endBit - bit,
                    "bitstream");
        }
    }

    /**
     * Removes emulation-prevention bytes (the 0x03 in 00 00 03) from a NAL unit, giving the raw
     * byte sequence payload that the Exp-Golomb fields are read from.
     */
    public static byte[] unescapeRbsp(byte[] nal, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == length ? out : java.util.Arrays.copyOf(out, n);
    }
}
