package io.xueliang.ingest.rtp.h265;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one H.265 access unit into RTP payloads (RFC 7798, no DONL: sprop-max-don-diff = 0).
 * <pre>
 *  single NAL unit:  | NAL header (2) | NAL payload ...                                  |
 *  AP (48):          | F 48 LayerId TID | size(16) | NAL | size(16) | NAL ...            |  optional
 *  FU (49):          | F 49 LayerId TID | S E type(6) | fragment of NAL payload          |
 *                       payload header (2)  FU header    (the 2-byte NAL header is not repeated)
 * </pre>
 * The caller sets the RTP marker bit on the last payload of the access unit. Stateless and thread-safe.
 */
public final class H265Packetizer {
    private static final int AP = 48;
    private static final int FU = 49;

    private final int maxPayloadBytes;
    private final boolean aggregate;

    /** Single NAL unit and FU packets, no aggregation. */
    public H265Packetizer(int maxPayloadBytes) {
        this(maxPayloadBytes, false);
    }

    /**
     * @param maxPayloadBytes largest RTP payload to produce (MTU minus IP, UDP and RTP headers, e.g. 1400)
     * @param aggregate whether consecutive small NAL units (typically VPS, SPS, PPS) share an AP packet
     */
    public H265Packetizer(int maxPayloadBytes, boolean aggregate) {
        if (maxPayloadBytes < 4 || maxPayloadBytes > 65_535) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " is outside [4, 65535]");
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.aggregate = aggregate;
    }

    /**
     * @param nalUnits the NAL units of one access unit, without start codes or length prefixes; each
     *     at least 2 bytes (the NAL unit header)
     * @return RTP payloads in sending order
     */
    public List<byte[]> packetize(List<byte[]> nalUnits) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < nalUnits.size()) {
            byte[] nal = nalUnits.get(i);
            if (nal.length < 2) {
                throw new IllegalArgumentException("NAL unit " + i + " has " + nal.length
                        + " bytes, shorter than its 2-byte header");
            }
            if (aggregate) {
                int count = aggregatable(nalUnits, i);
                if (count >= 2) {
                    out.add(ap(nalUnits, i, count));
                    i += count;
                    continue;
                }
            }
            if (nal.length <= maxPayloadBytes) {
                out.add(nal.clone());
            } else {
                fragment(nal, out);
            }
            i++;
        }
        return out;
    }

    private int aggregatable(List<byte[]> nals, int from) {
        int size = 2;
        int count = 0;
        for (int j = from; j < nals.size(); j++) {
            int n = nals.get(j).length;
            if (n < 2 || size + 2 + n > maxPayloadBytes) {
                break;
            }
            size += 2 + n;
            count++;
        }
        return count;
    }

    private static byte[] ap(List<byte[]> nals, int from, int count) {
        int size = 2;
        int f = 0;
        int layerId = 63;
        int tid = 7;
        for (int j = from; j < from + count; j++) {
            byte[] nal = nals.get(j);
            size += 2 + nal.length;
            f |= nal[0] & 0x80;
            layerId = Math.min(layerId, ((nal[0] & 0x01) << 5) | ((nal[1] & 0xF8) >> 3));
            tid = Math.min(tid, nal[1] & 0x07);
        }
        byte[] p = new byte[size];
        p[0] = (byte) (f | (AP << 1) | (layerId >> 5));
        p[1] = (byte) (((layerId & 0x1F) << 3) | tid);
        int o = 2;
        for (int j = from; j < from + count; j++) {
            byte[] nal = nals.get(j);
            p[o] = (byte) (nal.length >> 8);
            p[o + 1] = (byte) nal.length;
            System.arraycopy(nal, 0, p, o + 2, nal.length);
            o += 2 + nal.length;
        }
        return p;
    }

    private void fragment(byte[] nal, List<byte[]> out) {
        byte h0 = (byte) ((nal[0] & 0x81) | (FU << 1));
        byte h1 = nal[1];
        int type = (nal[0] >> 1) & 0x3F;
        int chunk = maxPayloadBytes - 3;
        for (int pos = 2; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[3 + n];
            p[0] = h0;
            p[1] = h1;
            p[2] = (byte) ((pos == 2 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 3, n);
            out.add(p);
        }
    }
}
