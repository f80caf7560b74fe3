package io.xueliang.ingest.ts;

import java.util.List;

/**
 * One video access unit from a transport stream: the NAL units of one PES packet, without start codes.
 *
 * @param type the codec
 * @param pts90k presentation time on the 90 kHz clock, as written in the PES header (33 bits, not unwrapped)
 * @param dts90k decoding time; equals pts90k when the PES carries no DTS
 * @param keyframe whether the unit holds an IDR (H.264) or IRAP (H.265) picture
 * @param nalUnits NAL units in stream order; the arrays are owned by the access unit
 */
public record TsAccessUnit(TsVideoType type, long pts90k, long dts90k, boolean keyframe, List<byte[]> nalUnits) {

    public TsAccessUnit {
        nalUnits = List.copyOf(nalUnits);
    }

    /** Sum of NAL unit sizes. */
    public int size() {
        int n = 0;
        for (byte[] nal : nalUnits) {
            n += nal.length;
        }
        return n;
    }
}
