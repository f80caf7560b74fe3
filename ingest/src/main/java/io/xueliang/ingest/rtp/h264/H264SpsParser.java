package io.xueliang.ingest.rtp.h264;

import io.xueliang.ingest.rtp.BitReader;
import io.xueliang.ingest.rtp.RtpFormatException;

/**
 * Reads the fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) up to the frame
 * cropping, which is what gives the displayed width and height. VUI is not read.
 */
public final class H264SpsParser {
    /**
     * The fields a recorder needs, and those that change how slices parse: two SPS equal here
     * configure a decoder alike up to their VUI (timing, colour), so a camera that resends its SPS
     * with other bytes but these fields equal has not changed its stream.
     *
     * @param log2MaxPocLsbMinus4 -1 unless {@code pic_order_cnt_type} is 0
     */
    public record Sps(int profileIdc, int constraintFlags, int levelIdc, int chromaFormatIdc, int width, int height,
            int log2MaxFrameNumMinus4, int picOrderCntType, int log2MaxPocLsbMinus4, int maxNumRefFrames,
            boolean frameMbsOnly) {
    }

    private H264SpsParser() {
    }

    /**
     * @param nal the SPS NAL unit including its one-byte header, with emulation prevention bytes
     * @throws RtpFormatException when the SPS is truncated or has out-of-range values
     */
    public static Sps parse(byte[] nal) {
        if (nal.length < 4 || (nal[0] & 0x1f) != 7) {
            throw new RtpFormatException(RtpFormatException.Problem.BAD_PAYLOAD, 7, nal.length == 0 ? -1 : nal[0] & 0x1f,
                    "H.264 SPS NAL unit");
        }
        byte[] rbsp = BitReader.unescapeRbsp(nal, 1, nal.length - 1);
        BitReader r = new BitReader(rbsp);
        int profile = r.readInt(8);
        int constraints = r.readInt(8);
        int level = r.readInt(8);
        r.readUe(31, "seq_parameter_set_id");
        int chromaFormat = 1;
        boolean separateColourPlane = false;
        if (hasChromaInfo(profile)) {
            chromaFormat = r.readUe(3, "chroma_format_idc");
            if (chromaFormat == 3) {
                separateColourPlane = r.readFlag();
            }
            r.readUe(6, "bit_depth_luma_minus8");
            r.readUe(6, "bit_depth_chroma_minus8");
            r.readFlag(); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormat != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        int log2MaxFrameNum = r.readUe(12, "log2_max_frame_num_minus4");
        int pocType = r.readUe(2, "pic_order_cnt_type");
        int log2MaxPocLsb = -1;
        if (pocType == 0) {
            log2MaxPocLsb = r.readUe(12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.readFlag(); // delta_pic_order_always_zero_flag
            r.readSe(); // offset_for_non_ref_pic
            r.readSe(); // offset_for_top_to_bottom_field
            int cycle = r.readUe(255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
        int maxNumRefFrames = r.readUe(); // max_num_ref_frames
        r.readFlag(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.readUe(1023, "pic_width_in_mbs_minus1") + 1;
        int heightMapUnits = r.readUe(1023, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.readFlag(); // mb_adaptive_frame_field_flag
        }
        r.readFlag(); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.readFlag()) { // frame_cropping_flag
            int left = r.readUe(8192, "frame_crop_left_offset");
            int right = r.readUe(8192, "frame_crop_right_offset");
            int top = r.readUe(8192, "frame_crop_top_offset");
            int bottom = r.readUe(8192, "frame_crop_bottom_offset");
            int chromaArrayType = separateColourPlane ? 0 : chromaFormat;
            int cropUnitX;
            int cropUnitY;
            if (chromaArrayType == 0) {
                cropUnitX = 1;
                cropUnitY = frameMbsOnly ? 1 : 2;
            } else {
                int subWidthC = chromaArrayType == 3 ? 1 : 2;
                int subHeightC = chromaArrayType == 1 ? 2 : 1;
                cropUnitX = subWidthC;
                cropUnitY = subHeightC * (frameMbsOnly ? 1 : 2);
            }
            width -= cropUnitX * (left + right);
            height -= cropUnitY * (top + bottom);
            if (width <= 0 || height <= 0) {
                throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, width, height,
                        "H.264 SPS cropping leaves no picture");
            }
        }
        return new Sps(profile, constraints, level, chromaFormat, width, height, log2MaxFrameNum, pocType, log2MaxPocLsb,
                maxNumRefFrames, frameMbsOnly);
    }

    /** Profiles whose SPS carries chroma format, bit depth and scaling matrices (§7.3.2.1.1). */
    private static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                int delta = r.readSe();
                next = (last + delta + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }
}
