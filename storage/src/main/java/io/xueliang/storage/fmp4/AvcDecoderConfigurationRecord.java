package io.xueliang.storage.fmp4;

import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.box.BoxWriter;
import java.util.List;

/**
 * The {@code avcC} box (ISO/IEC 14496-15 §5.3.3.1): profile and level copied from the SPS, 4-byte NAL lengths,
 * every SPS and PPS; for the High profiles also chroma format and bit depths read from the SPS.
 *
 * <pre>
 * version(8)=1 profile(8) compat(8) level(8) 111111 lengthSizeMinusOne(2)=3
 * 111 numSps(5) { len(16) sps }*  numPps(8) { len(16) pps }*
 * [High: 111111 chroma(2) 11111 lumaDepth-8(3) 11111 chromaDepth-8(3) numSpsExt(8)=0]
 * </pre>
 */
final class AvcDecoderConfigurationRecord {
    private AvcDecoderConfigurationRecord() {
    }

    static void write(BoxWriter w, StreamDescription d) {
        List<byte[]> sps = d.sps();
        List<byte[]> pps = d.pps();
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new UnsupportedStreamException(d, "H.264 needs an SPS and a PPS for its avcC");
        }
        if (sps.size() > 31 || pps.size() > 255) {
            throw new UnsupportedStreamException(d, "avcC holds at most 31 SPS and 255 PPS");
        }
        byte[] first = sps.get(0);
        if (first.length < 4 || (first[0] & 0x1f) != 7) {
            throw new UnsupportedStreamException(d, "first SPS is not an H.264 SPS NAL unit");
        }
        int profile = first[1] & 0xff;
        int at = w.start("avcC");
        w.u8(1).u8(profile).u8(first[2] & 0xff).u8(first[3] & 0xff).u8(0xfc | 3);
        w.u8(0xe0 | sps.size());
        writeNals(w, d, sps);
        w.u8(pps.size());
        writeNals(w, d, pps);
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            int[] chroma = chromaAndDepths(first);
            w.u8(0xfc | chroma[0]).u8(0xf8 | chroma[1]).u8(0xf8 | chroma[2]).u8(0);
        }
        w.end(at);
    }

    /**
     * chroma_format_idc, bit_depth_luma_minus8 and bit_depth_chroma_minus8 of a High-profile SPS (ITU-T H.264
     * §7.3.2.1.1); 4:2:0 8-bit when the SPS cannot be read that far (what nearly every camera sends).
     */
    static int[] chromaAndDepths(byte[] sps) {
        try {
            RbspReader r = new RbspReader(sps, 1);
            r.skip(24); // profile_idc, constraint flags, level_idc
            r.ue(31, "seq_parameter_set_id");
            int chroma = r.ue(3, "chroma_format_idc");
            if (chroma == 3) {
                r.skip(1); // separate_colour_plane_flag
            }
            int luma = r.ue(6, "bit_depth_luma_minus8");
            int chromaDepth = r.ue(6, "bit_depth_chroma_minus8");
            return new int[] {chroma, luma, chromaDepth};
        } catch (IllegalArgumentException e) {
            return new int[] {1, 0, 0};
        }
    }

    static void writeNals(BoxWriter w, StreamDescription d, List<byte[]> nals) {
        for (byte[] nal : nals) {
            if (nal.length == 0 || nal.length > 0xffff) {
                throw new UnsupportedStreamException(d, "parameter set of " + nal.length
                        + " bytes: a configuration record holds 1 to 65535");
            }
            w.u16(nal.length).bytes(nal);
        }
    }
}
