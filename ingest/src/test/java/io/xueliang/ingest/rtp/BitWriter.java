package io.xueliang.ingest.rtp;

import java.io.ByteArrayOutputStream;

/** Writes bit fields and Exp-Golomb codes, for building parameter sets by hand in tests. */
public final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bits;

    public BitWriter bits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >>> i) & 1);
            if (++bits == 8) {
                out.write(current);
                current = 0;
                bits = 0;
            }
        }
        return this;
    }

    public BitWriter flag(boolean b) {
        return bits(b ? 1 : 0, 1);
    }

    public BitWriter ue(int v) {
        long code = v + 1L;
        int len = 64 - Long.numberOfLeadingZeros(code);
        bits(0, len - 1);
        return bits(code, len);
    }

    public BitWriter se(int v) {
        return ue(v > 0 ? 2 * v - 1 : -2 * v);
    }

    /** rbsp_trailing_bits, then the bytes with emulation prevention inserted. */
    public byte[] toEscapedNal(byte... header) {
        bits(1, 1);
        while (bits != 0) {
            bits(0, 1);
        }
        ByteArrayOutputStream nal = new ByteArrayOutputStream();
        nal.writeBytes(header);
        int zeros = 0;
        for (byte b : out.toByteArray()) {
            int v = b & 0xff;
            if (zeros >= 2 && v <= 3) {
                nal.write(3);
                zeros = 0;
            }
            nal.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return nal.toByteArray();
    }
}
