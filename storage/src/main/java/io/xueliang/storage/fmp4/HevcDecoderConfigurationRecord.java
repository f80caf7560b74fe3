package io.xueliang.storage.fmp4;

import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.box.BoxWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code hvcC} box (ISO/IEC 14496-15 §8.3.3.1). The general profile, tier, compatibility and constraint flags
 * and level are the 12 bytes of the SPS's profile_tier_level (ITU-T H.265 §7.3.3), copied; chroma format and bit
 * depths are read further into the SPS. Arrays hold VPS, SPS and PPS with array_completeness 1, as {@code hvc1}
 * asks.
 *
 * <pre>
 * version(8)=1 | profile_space(2) tier(1) profile_idc(5) | compat_flags(32) | constraint_flags(48) | level(8)
 * 1111 min_spatial_segmentation(12)=0 | 111111 parallelism(2)=0 | 111111 chroma(2)
 * 11111 lumaDepth-8(3) | 11111 chromaDepth-8(3) | avgFrameRate(16)=0
 * constantFrameRate(2)=0 numTemporalLayers(3) temporalIdNested(1) lengthSizeMinusOne(2)=3
 * numArrays(8) { completeness(1) 0 nal_type(6) numNalus(16) { len(16) nal }* }*
 * </pre>
 */
final class HevcDecoderConfigurationRecord {
    private static final int VPS = 32;
    private static final int SPS = 33;
    private static final int PPS = 34;

    private HevcDecoderConfigurationRecord() {
    }

    static void write(BoxWriter w, StreamDescription d) {
        if (d.vps().isEmpty() || d.sps().isEmpty() || d.pps().isEmpty()) {
            throw new UnsupportedStreamException(d, "H.265 needs a VPS, an SPS and a PPS for its hvcC");
        }
        byte[] sps = d.sps().get(0);
        if (sps.length < 3 || ((sps[0] >> 1) & 0x3f) != SPS) {
            throw new UnsupportedStreamException(d, "first SPS is not an H.265 SPS NAL unit");
        }
        SpsFields f;
        try {
            f = SpsFields.parse(sps);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedStreamException(d, "H.265 SPS unreadable: " + e.getMessage());
        }
        int at = w.start("hvcC");
        w.u8(1).bytes(f.profileTierLevel());
        w.u16(0xf000).u8(0xfc).u8(0xfc | f.chromaFormat());
        w.u8(0xf8 | f.lumaDepthMinus8()).u8(0xf8 | f.chromaDepthMinus8()).u16(0);
        w.u8((f.maxSubLayersMinus1() + 1) << 3 | (f.temporalIdNested() ? 1 : 0) << 2 | 3);
        w.u8(3);
        writeArray(w, d, VPS, d.vps());
        writeArray(w, d, SPS, d.sps());
        writeArray(w, d, PPS, d.pps());
        w.end(at);
    }

    private static void writeArray(BoxWriter w, StreamDescription d, int type, List<byte[]> nals) {
        if (nals.size() > 0xffff) {
            throw new UnsupportedStreamException(d, "too many parameter sets of type " + type);
        }
        w.u8(0x80 | type).u16(nals.size());
        AvcDecoderConfigurationRecord.writeNals(w, d, nals);
    }

    /** What the hvcC needs from an SPS. */
    record SpsFields(byte[] profileTierLevel, int maxSubLayersMinus1, boolean temporalIdNested, int chromaFormat,
            int lumaDepthMinus8, int chromaDepthMinus8) {

        static SpsFields parse(byte[] sps) {
            RbspReader r = new RbspReader(sps, 2);
            r.skip(4); // sps_video_parameter_set_id
            int maxSubLayersMinus1 = r.bits(3);
            boolean nested = r.flag();
            byte[] rbsp = r.rbsp();
            if (rbsp.length < 13) {
                throw new IllegalArgumentException("SPS too short for profile_tier_level");
            }
            byte[] ptl = Arrays.copyOfRange(rbsp, 1, 13);
            r.skip(96);
            boolean[] subProfile = new boolean[maxSubLayersMinus1];
            boolean[] subLevel = new boolean[maxSubLayersMinus1];
            for (int i = 0; i < maxSubLayersMinus1; i++) {
                subProfile[i] = r.flag();
                subLevel[i] = r.flag();
            }
            if (maxSubLayersMinus1 > 0) {
                r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
            }
            for (int i = 0; i < maxSubLayersMinus1; i++) {
                if (subProfile[i]) {
                    r.skip(88);
                }
                if (subLevel[i]) {
                    r.skip(8);
                }
            }
            r.ue(15, "sps_seq_parameter_set_id");
            int chroma = r.ue(3, "chroma_format_idc");
            if (chroma == 3) {
                r.skip(1); // separate_colour_plane_flag
            }
            r.ue(16888, "pic_width_in_luma_samples");
            r.ue(16888, "pic_height_in_luma_samples");
            if (r.flag()) { // conformance_window_flag
                for (int i = 0; i < 4; i++) {
                    r.ue(16888, "conf_win_offset");
                }
            }
            int luma = r.ue(8, "bit_depth_luma_minus8");
            int chromaDepth = r.ue(8, "bit_depth_chroma_minus8");
            if (luma > 7 || chromaDepth > 7) {
                throw new IllegalArgumentException("bit depth above 15");
            }
            return new SpsFields(ptl, maxSubLayersMinus1, nested, chroma, luma, chromaDepth);
        }
    }
}
