package io.xueliang.ingest.rtp.h265;

import io.xueliang.ingest.rtp.BitReader;
import io.xueliang.ingest.rtp.RtpFormatException;

/**
 * Reads the fields of an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2.1) up to
 * {@code log2_max_pic_order_cnt_lsb_minus4}, past the conformance window which gives the displayed
 * width and height.
 */
public final class H265SpsParser {
    /**
     * The fields a recorder needs, and the first that change how pictures decode: a camera that
     * resends its SPS with other bytes but these fields equal has not changed its stream.
     */
    public record Sps(int profileSpace, int tierFlag, int profileIdc, int levelIdc, int chromaFormatIdc, int width,
            int height, int bitDepthLumaMinus8, int bitDepthChromaMinus8, int log2MaxPocLsbMinus4) {
    }

    private H265SpsParser() {
    }

    /**
     * @param nal the SPS NAL unit including its two-byte header, with emulation prevention bytes
     * @throws RtpFormatException when the SPS is truncated or has out-of-range values
     */
    public static Sps parse(byte[] nal) {
        if (nal.length < 3 || ((nal[0] >> 1) & 0x3f) != 33) {
            throw new RtpFormatException(RtpFormatException.Problem.BAD_PAYLOAD, 33,
                    nal.length == 0 ? -1 : (nal[0] >> 1) & 0x3f, "H.265 SPS NAL unit");
        }
        BitReader r = new BitReader(BitReader.unescapeRbsp(nal, 2, nal.length - 2));
        r.skipBits(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readInt(3);
        r.skipBits(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, sps_max_sub_layers_minus1), §7.3.3
        int profileSpace = r.readInt(2);
        int tier = r.readInt(1);
        int profile = r.readInt(5);
        r.skipBits(32); // general_profile_compatibility_flag[32]
        r.skipBits(48); // progressive, interlaced, non_packed, frame_only + 43 bits + 1 bit
        int level = r.readInt(8);
        boolean[] subProfile = new boolean[maxSubLayersMinus1];
        boolean[] subLevel = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            subProfile[i] = r.readFlag();
            subLevel[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (subProfile[i]) {
                r.skipBits(88);
            }
            if (subLevel[i]) {
                r.skipBits(8);
            }
        }
        r.readUe(15, "sps_seq_parameter_set_id");
        int chromaFormat = r.readUe(3, "chroma_format_idc");
        boolean separateColourPlane = chromaFormat == 3 && r.readFlag();
        int width = r.readUe(16888, "pic_width_in_luma_samples");
        int height = r.readUe(16888, "pic_height_in_luma_samples");
        if (r.readFlag()) { // conformance_window_flag
            int left = r.readUe(16888, "conf_win_left_offset");
            int right = r.readUe(16888, "conf_win_right_offset");
            int top = r.readUe(16888, "conf_win_top_offset");
            int bottom = r.readUe(16888, "conf_win_bottom_offset");
            int chromaArrayType = separateColourPlane ? 0 : chromaFormat;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            width -= subWidthC * (left + right);
            height -= subHeightC * (top + bottom);
        }
        if (width <= 0 || height <= 0) {
            throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, width, height,
                    "H.265 SPS picture size");
        }
        int bitDepthLuma = r.readUe(8, "bit_depth_luma_minus8");
        int bitDepthChroma = r.readUe(8, "bit_depth_chroma_minus8");
        int log2MaxPocLsb = r.readUe(12, "log2_max_pic_order_cnt_lsb_minus4");
        return new Sps(profileSpace, tier, profile, level, chromaFormat, width, height, bitDepthLuma, bitDepthChroma,
                log2MaxPocLsb);
    }
}
