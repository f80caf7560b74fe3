package io.xueliang.ingest.rtp;

import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BitReaderTest {

    @Test
    void removesOnlyEmulationPreventionBytes() {
        byte[] nal = hex("00 00 03 01 00 00 03 00 03 00 00 03");
        assertThat(hex(BitReader.unescapeRbsp(nal, 0, nal.length))).isEqualTo("00000100000003" + "0000");
    }

    @Test
    void readsExpGolombCodes() {
        byte[] bits = new BitWriter().ue(0).ue(1).ue(2).ue(254).se(-3).se(4).bits(5, 3).toEscapedNal();
        BitReader r = new BitReader(bits);
        assertThat(r.readUe()).isZero();
        assertThat(r.readUe()).isEqualTo(1);
        assertThat(r.readUe()).isEqualTo(2);
        assertThat(r.readUe()).isEqualTo(254);
        assertThat(r.readSe()).isEqualTo(-3);
        assertThat(r.readSe()).isEqualTo(4);
        assertThat(r.readBits(3)).isEqualTo(5);
    }

    @Test
    void refusesReadsPastTheEndAndOverlongCodes() {
        assertThatThrownBy(() -> new BitReader(hex("ff")).readBits(9)).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> new BitReader(hex("00000000 00")).readUe()).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> new BitReader(hex("00")).readUe()).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> new BitReader(new BitWriter().ue(40).toEscapedNal()).readUe(31, "id"))
                .isInstanceOfSatisfying(RtpFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(RtpFormatException.Problem.VALUE_OUT_OF_RANGE));
    }
}
