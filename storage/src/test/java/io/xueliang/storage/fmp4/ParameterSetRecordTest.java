package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.box.BoxWriter;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSetRecordTest {
    static final HexFormat HEX = HexFormat.of();
    /** libx265 (ffmpeg 5.1) Main profile, level 2.1, 640x360 4:2:0 8-bit; note the emulation prevention bytes. */
    static final byte[] X265_VPS = HEX.parseHex("40010c01ffff01600000030090000003000003003fba0240");
    static final byte[] X265_SPS = HEX.parseHex(
            "42010101600000030090000003000003003fa005020171f2e5ba4a4c2f016808000003000800000300c840");
    static final byte[] X265_PPS = HEX.parseHex("4401c073c189");

    @Test
    void avcCCopiesProfileAndLevelAndAddsHighProfileChromaFields() {
        // High profile (100): sps_id ue 0, chroma_format_idc ue 1, luma and chroma depth ue 0 -> 1 010 1 1 00
        byte[] high = HEX.parseHex("6764001fac");
        assertThat(avcC(high)).isEqualTo("0000001e" + "61766343" + "01" + "64001f" + "ff" + "e1" + "0005" + "6764001fac"
                + "01" + "0002" + "68ee" + "fd" + "f8" + "f8" + "00");
        // High 4:2:2 (122), 10 bit: chroma_format_idc 2, depths 2 -> 1 011 011 011
        assertThat(avcC(HEX.parseHex("677a0028b6c0"))).endsWith("fe" + "fa" + "fa" + "00");
        // Constrained baseline (66): no extension
        assertThat(avcC(HEX.parseHex("6742c01e"))).endsWith("01" + "0002" + "68ee");
    }

    @Test
    void hvcCTakesProfileTierLevelFromTheSpsWithoutItsEmulationPreventionBytes() {
        BoxWriter w = new BoxWriter();
        HevcDecoderConfigurationRecord.write(w, StreamDescription.h265(List.of(X265_VPS), List.of(X265_SPS),
                List.of(X265_PPS), 640, 360));
        String hex = HEX.formatHex(w.toByteArray());
        assertThat(hex.substring(16, 16 + 46)).isEqualTo("01" + "01" + "60000000" + "900000000000" + "3f"
                + "f000" + "fc" + "fd" + "f8" + "f8" + "0000" + "0f" + "03");
        assertThat(hex).contains("a0" + "0001" + "0018" + HEX.formatHex(X265_VPS))
                .contains("a1" + "0001" + "002b" + HEX.formatHex(X265_SPS)).endsWith("a2" + "0001" + "0006" + "4401c073c189");
    }

    @Test
    void unreadableParameterSetsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.write(new BoxWriter(), StreamDescription.h265(
                List.of(X265_VPS), List.of(HEX.parseHex("42010101")), List.of(X265_PPS), 640, 360)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("SPS unreadable");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.write(new BoxWriter(), StreamDescription.h264(
                List.of(HEX.parseHex("6801")), List.of(HEX.parseHex("68ee")), 0, 0)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("not an H.264 SPS");
    }

    static String avcC(byte[] sps) {
        BoxWriter w = new BoxWriter();
        AvcDecoderConfigurationRecord.write(w, StreamDescription.h264(List.of(sps), List.of(HEX.parseHex("68ee")),
                0, 0));
        return HEX.formatHex(w.toByteArray());
    }
}
