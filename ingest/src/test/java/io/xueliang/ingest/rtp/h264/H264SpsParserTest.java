package io.xueliang.ingest.rtp.h264;

import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.rtp.BitWriter;
import io.xueliang.ingest.rtp.RtpFormatException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class H264SpsParserTest {

    /** SPS produced here by ffmpeg/libx264 from lavfi testsrc at the sizes and formats named. */
    static Stream<Arguments> encoderSps() {
        return Stream.of(
                Arguments.of("high 1920x1080 yuv420p, cropped", "67640028acd940780227e5c044000003000400000300c83c60c658",
                        100, 40, 1, 1920, 1080),
                Arguments.of("baseline 1280x720", "6742c01fd9005005bb011000000300100000030320f1832480", 66, 31, 1,
                        1280, 720),
                Arguments.of("high 4:2:2 640x360, cropped", "677a001ebcd940a02ff89c0440000003004000000c83c58b6580", 122,
                        30, 2, 640, 360),
                Arguments.of("high 4:4:4 1920x1080, cropped", "67f40028919b280f0044fc4e0220000003002000000641e30632c0",
                        244, 40, 3, 1920, 1080),
                Arguments.of("high 352x288", "6764000dacd9416096c044000003000400000300c83c50a658", 100, 13, 1, 352,
                        288));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderSps")
    void readsSizeProfileAndLevelFromEncoderSps(String name, String sps, int profile, int level, int chroma,
            int width, int height) {
        H264SpsParser.Sps parsed = H264SpsParser.parse(hex(sps));
        assertThat(parsed.profileIdc()).isEqualTo(profile);
        assertThat(parsed.levelIdc()).isEqualTo(level);
        assertThat(parsed.chromaFormatIdc()).isEqualTo(chroma);
        assertThat(parsed.width()).isEqualTo(width);
        assertThat(parsed.height()).isEqualTo(height);
    }

    /** High profile SPS with scaling lists and POC type 1, built field by field. */
    static byte[] handBuiltSps(boolean frameMbsOnly) {
        BitWriter w = new BitWriter().bits(100, 8).bits(0, 8).bits(41, 8).ue(0);
        w.ue(1).ue(0).ue(0).flag(false); // chroma 4:2:0, 8-bit, no bypass
        w.flag(true); // seq_scaling_matrix_present_flag
        for (int i = 0; i < 8; i++) {
            boolean present = i == 0 || i == 6;
            w.flag(present);
            if (present) {
                int size = i < 6 ? 16 : 64;
                for (int j = 0; j < size; j++) {
                    w.se(j == 0 ? 8 : (j % 3) - 1); // non-trivial deltas, never ending the list early
                }
            }
        }
        w.ue(0); // log2_max_frame_num_minus4
        w.ue(1).flag(false).se(-2).se(3).ue(3).se(1).se(-1).se(5); // POC type 1 with a 3-entry cycle
        w.ue(4).flag(false); // max_num_ref_frames, gaps
        w.ue(119); // 120 macroblocks = 1920
        w.ue(frameMbsOnly ? 67 : 33); // 68 rows of MBs, or 34 rows of field MB pairs
        w.flag(frameMbsOnly);
        if (!frameMbsOnly) {
            w.flag(true); // mb_adaptive_frame_field_flag
        }
        w.flag(true); // direct_8x8_inference_flag
        w.flag(true).ue(0).ue(0).ue(0).ue(frameMbsOnly ? 4 : 2); // crop 8 lines at the bottom
        w.flag(false); // no VUI
        return w.toEscapedNal((byte) 0x67);
    }

    @Test
    void readsPastScalingListsAndPocCycleToTheCropping() {
        H264SpsParser.Sps sps = H264SpsParser.parse(handBuiltSps(true));
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
        assertThat(sps.levelIdc()).isEqualTo(41);
    }

    @Test
    void interlacedSpsDoublesHeightAndCropUnit() {
        H264SpsParser.Sps sps = H264SpsParser.parse(handBuiltSps(false));
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
    }

    @Test
    void emulationPreventionBytesAreRemovedBeforeReading() {
        // Large ue(v) values are long runs of zero bits, which the writer must escape.
        BitWriter w = new BitWriter().bits(66, 8).bits(0, 8).bits(10, 8).ue(0).ue(0).ue(2).ue(4_194_303).flag(false);
        w.ue(1023).ue(1023).flag(true).flag(false).flag(false).flag(false);
        byte[] nal = w.toEscapedNal((byte) 0x67);
        assertThat(nal).as("escaped").containsSequence(0, 0, 3);
        H264SpsParser.Sps sps = H264SpsParser.parse(nal);
        assertThat(sps.width()).isEqualTo(16384);
        assertThat(sps.height()).isEqualTo(16384);
    }

    @Test
    void everyTruncationRaisesFormatErrorNeverIndexOutOfBounds() {
        byte[] sps = handBuiltSps(true);
        for (int len = 0; len < sps.length - 1; len++) {
            byte[] cut = Arrays.copyOf(sps, len);
            assertThatThrownBy(() -> H264SpsParser.parse(cut)).as("length %d", len)
                    .isInstanceOf(RtpFormatException.class);
        }
    }

    @Test
    void notAnSpsIsRefused() {
        assertThatThrownBy(() -> H264SpsParser.parse(hex("68ebe3cb22c0"))).isInstanceOf(RtpFormatException.class);
    }
}
