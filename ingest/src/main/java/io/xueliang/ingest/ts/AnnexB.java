package io.xueliang.ingest.ts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an Annex B byte stream (ITU-T H.264 Annex B, also used by H.265) into NAL units.
 * <pre>
 *   00 00 00 01 | NAL | 00 00 01 | NAL | ...   start codes of 3 or 4 bytes; trailing zero bytes
 *                                              before a start code belong to no NAL unit
 * </pre>
 */
public final class AnnexB {
    private AnnexB() {
    }

    /** The NAL units of {@code data[off, off+len)}; bytes before the first start code are ignored. */
    public static List<byte[]> split(byte[] data, int off, int len) {
        List<byte[]> out = new ArrayList<>();
        int end = off + len;
        int start = -1;
        int i = off;
        while (i + 2 < end) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    addTrimmed(out, data, start, i);
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            addTrimmed(out, data, start, end);
        }
        return out;
    }

    private static void addTrimmed(List<byte[]> out, byte[] data, int from, int to) {
        while (to > from && data[to - 1] == 0) {
            to--;
        }
        if (to > from) {
            out.add(Arrays.copyOfRange(data, from, to));
        }
    }
}
