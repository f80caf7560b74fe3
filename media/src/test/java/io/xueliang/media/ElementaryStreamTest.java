package io.xueliang.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementaryStreamTest {
    private static final CameraId CAMERA = new CameraId("es");
    // H.264: SPS, PPS, IDR slice (first_mb 0: top bit set), AUD, non-IDR slice, non-IDR slice continuing the picture
    private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1f};
    private static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
    private static final byte[] IDR = {0x65, (byte) 0x88, 0x11};
    private static final byte[] AUD = {0x09, (byte) 0xf0};
    private static final byte[] P_FIRST = {0x41, (byte) 0x9a, 0x22};
    private static final byte[] P_MORE = {0x41, 0x1a, 0x33};

    private static byte[] stream(byte[]... nals) {
        var out = new java.io.ByteArrayOutputStream();
        boolean four = true;
        for (byte[] nal : nals) {
            out.writeBytes(four ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            out.writeBytes(nal);
            four = !four;
        }
        return out.toByteArray();
    }

    @Test
    void cutsAtFirstSlicesAndParameterSetsDroppingDelimiters() {
        List<AccessUnit> units = ElementaryStream.accessUnits(CAMERA, Codec.H264,
                stream(SPS, PPS, IDR, AUD, P_FIRST, P_MORE), 640, 360, 1000, 3600, Instant.EPOCH);
        assertThat(units).hasSize(2);
        assertThat(units.get(0).isKeyframe()).isTrue();
        assertThat(units.get(1).isKeyframe()).isFalse();
        assertThat(units.get(1).pts90k()).isEqualTo(4600);
        assertThat(units.get(1).wallClock()).isEqualTo(Instant.ofEpochMilli(40));
        // 4-byte lengths: SPS, PPS and IDR in the first unit; two slices in the second, no delimiter
        assertThat(units.get(0).size()).isEqualTo(3 * 4 + SPS.length + PPS.length + IDR.length);
        assertThat(units.get(1).size()).isEqualTo(2 * 4 + P_FIRST.length + P_MORE.length);
        assertThat(units.get(0).description().sps()).hasSize(1);
    }

    @Test
    void refusesAStreamWithoutParameterSets() {
        assertThatThrownBy(() -> ElementaryStream.accessUnits(CAMERA, Codec.H264, stream(IDR), 640, 360, 0, 3600,
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPS and PPS");
        assertThat(ElementaryStream.nalUnits(new byte[] {0, 0, 1, 0, 0, 1, 5})).hasSize(1);
    }
}
