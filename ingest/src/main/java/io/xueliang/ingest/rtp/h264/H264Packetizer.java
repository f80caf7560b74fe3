package io.xueliang.ingest.rtp.h264;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one H.264 access unit into RTP payloads (RFC 6184, packetization-mode=1).
 * <pre>
 *  single NAL unit:  | NAL header | NAL payload ...                 |  when it fits
 *  STAP-A (24):      | F NRI 24 | size(16) | NAL | size(16) | NAL .. |  small units together (optional)
 *  FU-A (28):        | F NRI 28 | S E R type | fragment of NAL payload |  the rest
 *                     FU indicator  FU header   (NAL header byte itself is not repeated)
 * </pre>
 * The caller sets the RTP marker bit on the last payload of the access unit. Stateless and thread-safe.
 */
public final class H264Packetizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private final int maxPayloadBytes;
    private final boolean aggregate;

    /** Single NAL unit and FU-A packets, no aggregation. */
    public H264Packetizer(int maxPayloadBytes) {
        this(maxPayloadBytes, false);
    }

    /**
     * @param maxPayloadBytes largest RTP payload to produce (MTU minus IP, UDP and RTP headers, e.g. 1400)
     * @param aggregate whether consecutive small NAL units (typically SPS and PPS) share a STAP-A packet
     */
    public H264Packetizer(int maxPayloadBytes, boolean aggregate) {
        if (maxPayloadBytes < 3 || maxPayloadBytes > 65_535) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " is outside [3, 65535]");
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.aggregate = aggregate;
    }

    /**
     * @param nalUnits the NAL units of one access unit, without start codes or length prefixes
     * @return RTP payloads in sending order
     */
    public List<byte[]> packetize(List<byte[]> nalUnits) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < nalUnits.size()) {
            byte[] nal = nalUnits.get(i);
            if (nal.length == 0) {
                i++;
                continue;
            }
            if (aggregate) {
                int count = aggregatable(nalUnits, i);
                if (count >= 2) {
                    out.add(stapA(nalUnits, i, count));
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

    /** How many units from {@code from} on fit one STAP-A together. */
    private int aggregatable(List<byte[]> nals, int from) {
        int size = 1;
        int count = 0;
        for (int j = from; j < nals.size(); j++) {
            int n = nals.get(j).length;
            if (n == 0 || size + 2 + n > maxPayloadBytes) {
                break;
            }
            size += 2 + n;
            count++;
        }
        return count;
    }

    private static byte[] stapA(List<byte[]> nals, int from, int count) {
        int size = 1;
        int f = 0;
        int nri = 0;
        for (int j = from; j < from + count; j++) {
            byte[] nal = nals.get(j);
            size += 2 + nal.length;
            f |= nal[0] & 0x80;
            nri = Math.max(nri, nal[0] & 0x60);
        }
        byte[] p = new byte[size];
        p[0] = (byte) (f | nri | STAP_A);
        int o = 1;
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
        byte indicator = (byte) ((nal[0] & 0xE0) | FU_A);
        int type = nal[0] & 0x1F;
        int chunk = maxPayloadBytes - 2;
        for (int pos = 1; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[2 + n];
            p[0] = indicator;
            p[1] = (byte) ((pos == 1 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 2, n);
            out.add(p);
        }
    }
}
