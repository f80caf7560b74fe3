package io.xueliang.storage.fmp4;

import java.util.Arrays;

/**
 * Reads the bits of a parameter set's RBSP (emulation prevention bytes removed, ITU-T H.264 §7.4.1), with the
 * Exp-Golomb codes of §9.1. Reading past the end throws {@link IllegalArgumentException}.
 */
final class RbspReader {
    private final byte[] data;
    private int bit;

    /** @param headerBytes the NAL unit header to skip: 1 for H.264, 2 for H.265 */
    RbspReader(byte[] nal, int headerBytes) {
        this.data = unescape(nal, headerBytes);
    }

    /** The RBSP bytes after the NAL header, 0x000003 sequences turned back into 0x0000. */
    static byte[] unescape(byte[] nal, int from) {
        byte[] out = new byte[Math.max(0, nal.length - from)];
        int n = 0;
        int zeros = 0;
        for (int i = from; i < nal.length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = (byte) b;
        }
        return Arrays.copyOf(out, n);
    }

    byte[] rbsp() {
        return data.clone();
    }

    int bits(int n) {
        if (bit + n > data.length * 8) {
            throw new IllegalArgumentException("parameter set ends after " + data.length + " bytes");
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | ((data[bit >>> 3] >>> (7 - (bit & 7))) & 1);
            bit++;
        }
        return v;
    }

    boolean flag() {
        return bits(1) == 1;
    }

    void skip(int n) {
        if (bit + n > data.length * 8) {
            throw new IllegalArgumentException("parameter set ends after " + data.length + " bytes");
        }
        bit += n;
    }

    /** ue(v), refused above {@code max}. */
    int ue(int max, String field) {
        int zeros = 0;
        while (bits(1) == 0) {
            if (++zeros > 30) {
                throw new IllegalArgumentException(field + ": Exp-Golomb code too long");
            }
        }
        long v = (1L << zeros) - 1 + bits(zeros);
        if (v > max) {
            throw new IllegalArgumentException(field + " = " + v + ", above " + max);
        }
        return (int) v;
    }

    /** se(v). */
    int se(String field) {
        int k = ue(Integer.MAX_VALUE - 1, field);
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
