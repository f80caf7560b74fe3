package io.xueliang.ingest.rtp.h265;

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

class H265SpsParserTest {
    static final String SPS_1080 = "420101016000000300900000030000030078a003c08010e596566924caf0168080000003008000000c84";
    static final String SPS_720 = "42010101600000030090000003000003005da00280802d165959a4932bc05a020000030002000003003210";

    /** SPS produced here by ffmpeg/libx265 from lavfi testsrc (Main profile). */
    static Stream<Arguments> encoderSps() {
        return Stream.of(
                Arguments.of("main 1920x1080, conformance window", SPS_1080, 1, 120, 1920, 1080),
                Arguments.of("main 1280x720", SPS_720, 1, 93, 1280, 720));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderSps")
    void readsSizeProfileAndLevelFromEncoderSps(String name, String sps, int profile, int level, int width,
            int height) {
        H265SpsParser.Sps parsed = H265SpsParser.parse(hex(sps));
        assertThat(parsed.profileIdc()).isEqualTo(profile);
        assertThat(parsed.levelIdc()).isEqualTo(level);
        assertThat(parsed.chromaFormatIdc()).isEqualTo(1);
        assertThat(parsed.width()).isEqualTo(width);
        assertThat(parsed.height()).isEqualTo(height);
    }

    @Test
    void skipsSubLayerProfileAndLevelFields() {
        BitWriter w = new BitWriter().bits(0, 4).bits(2, 3).bits(1, 1); // vps id, 3 sub-layers, nesting
        w.bits(0, 2).bits(1, 1).bits(2, 5).bits(0x60000000L, 32).bits(0, 32).bits(0, 16).bits(153, 8);
        w.flag(true).flag(true).flag(false).flag(true); // sub-layer 0: profile+level, 1: level only
        w.bits(0, 2 * 6); // reserved_zero_2bits for i = 2..7
        w.bits(0, 32).bits(0, 32).bits(0, 24).bits(90, 8); // sub-layer 0 profile (88 bits) + level
        w.bits(93, 8); // sub-layer 1 level
        w.ue(0).ue(1).ue(3840).ue(2176).flag(true).ue(0).ue(0).ue(0).ue(8);
        w.ue(2).ue(2).ue(4); // 10-bit luma and chroma, log2_max_pic_order_cnt_lsb_minus4
        H265SpsParser.Sps sps = H265SpsParser.parse(w.toEscapedNal((byte) 0x42, (byte) 0x01));
        assertThat(sps.tierFlag()).isEqualTo(1);
        assertThat(sps.profileIdc()).isEqualTo(2);
        assertThat(sps.levelIdc()).isEqualTo(153);
        assertThat(sps.width()).isEqualTo(3840);
        assertThat(sps.height()).isEqualTo(2160);
        assertThat(sps.bitDepthLumaMinus8()).isEqualTo(2);
        assertThat(sps.log2MaxPocLsbMinus4()).isEqualTo(4);
    }

    @Test
    void everyTruncationRaisesFormatErrorNeverIndexOutOfBounds() {
        byte[] sps = hex(SPS_1080);
        // The conformance window ends well before the last bytes (VUI follows); cut before it.
        for (int len = 0; len < 20; len++) {
            byte[] cut = Arrays.copyOf(sps, len);
            assertThatThrownBy(() -> H265SpsParser.parse(cut)).as("length %d", len)
                    .isInstanceOf(RtpFormatException.class);
        }
    }
}
