package io.xueliang.analytics.decode;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Rewrites an access unit's length-prefixed NAL units (ISO/IEC 14496-15, 4-byte lengths) as an Annex-B byte stream
 * (ITU-T H.264 Annex B, 4-byte start codes) for libavcodec, with the parameter sets in front on keyframes, checking
 * every length before a byte goes to native code.
 *
 * <pre>
 * in:  | len(4) | NAL 1 | len(4) | NAL 2 | ...
 * out: | 00 00 00 01 | SPS | 00 00 00 01 | PPS | 00 00 00 01 | NAL 1 | 00 00 00 01 | NAL 2 | ...
 * </pre>
 */
final class AnnexB {
    /** More NAL units than this in one picture is not a camera's stream (slices, SEI and parameter sets stay far below). */
    static final int MAX_NAL_UNITS = 1024;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AnnexB() {
    }

    /** Why a payload was refused, with where in it the problem was. */
    static final class MalformedUnitException extends Exception {
        private final int offset;

        MalformedUnitException(String reason, int offset) {
            super(reason + " at byte " + offset);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    /**
     * @param payload the unit's NAL units with 4-byte big-endian lengths
     * @param parameterSets written first, each behind a start code (empty when none)
     * @param maxBytes the largest payload accepted
     */
    static byte[] convert(ByteBuffer payload, List<byte[]> parameterSets, int maxBytes) throws MalformedUnitException {
        int size = payload.remaining();
        if (size == 0) {
            throw new MalformedUnitException("empty payload", 0);
        }
        if (size > maxBytes) {
            throw new MalformedUnitException("payload of " + size + " bytes exceeds the limit of " + maxBytes, 0);
        }
        int base = payload.position();
        // First pass: check every length, so that the copy below cannot run past the end.
        int pos = 0;
        int count = 0;
        while (pos < size) {
            if (size - pos < 4) {
                throw new MalformedUnitException("truncated NAL length", pos);
            }
            int len = payload.getInt(base + pos);
            if (len < 1 || len > size - pos - 4) {
                throw new MalformedUnitException("NAL length " + Integer.toUnsignedString(len) + " exceeds the "
                        + (size - pos - 4) + " bytes left", pos);
            }
            if (++count > MAX_NAL_UNITS) {
                throw new MalformedUnitException("more than " + MAX_NAL_UNITS + " NAL units", pos);
            }
            pos += 4 + len;
        }
        int extra = 0;
        for (byte[] ps : parameterSets) {
            extra += START_CODE.length + ps.length;
        }
        byte[] out = new byte[extra + size];
        int o = 0;
        for (byte[] ps : parameterSets) {
            System.arraycopy(START_CODE, 0, out, o, 4);
            System.arraycopy(ps, 0, out, o + 4, ps.length);
            o += 4 + ps.length;
        }
        // Start codes take exactly the place of the lengths.
        pos = 0;
        while (pos < size) {
            int len = payload.getInt(base + pos);
            System.arraycopy(START_CODE, 0, out, o, 4);
            payload.get(base + pos + 4, out, o + 4, len);
            o += 4 + len;
            pos += 4 + len;
        }
        return out;
    }
}
