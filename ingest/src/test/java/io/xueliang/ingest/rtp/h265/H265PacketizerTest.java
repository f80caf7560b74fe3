package io.xueliang.ingest.rtp.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class H265PacketizerTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    static Stream<Arguments> cases() {
        // NAL headers: IDR_W_RADL = type 19 -> 0x26 0x01; TRAIL_R = 1 -> 0x02 0x01; VPS 0x40 0x01; SPS 0x42 0x01; PPS 0x44 0x01
        return Stream.of(
                Arguments.of("fits: single NAL unit packet", 8, false, List.of(b(0x26, 0x01, 1, 2)),
                        List.of(b(0x26, 0x01, 1, 2))),
                Arguments.of("FU type 49: payload header keeps F, LayerId, TID; FU header S/E + type", 5, false,
                        List.of(b(0x26, 0x01, 1, 2, 3, 4, 5)),
                        List.of(b(0x62, 0x01, 0x93, 1, 2), b(0x62, 0x01, 0x13, 3, 4), b(0x62, 0x01, 0x53, 5))),
                Arguments.of("FU of a TRAIL_R with TID 2", 6, false, List.of(b(0x02, 0x02, 9, 8, 7, 6, 5)),
                        List.of(b(0x62, 0x02, 0x81, 9, 8, 7), b(0x62, 0x02, 0x41, 6, 5))),
                Arguments.of("AP type 48: VPS+SPS+PPS with 16-bit sizes", 40, true,
                        List.of(b(0x40, 0x01, 1), b(0x42, 0x01, 2, 3), b(0x44, 0x01, 4)),
                        List.of(b(0x60, 0x01, 0, 3, 0x40, 0x01, 1, 0, 4, 0x42, 0x01, 2, 3, 0, 3, 0x44, 0x01, 4))),
                Arguments.of("no aggregation: parameter sets alone", 40, false,
                        List.of(b(0x40, 0x01, 1), b(0x42, 0x01, 2)), List.of(b(0x40, 0x01, 1), b(0x42, 0x01, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packetizesToTheRfc7798Layout(String name, int max, boolean aggregate, List<byte[]> nals,
            List<byte[]> expected) {
        List<byte[]> out = new H265Packetizer(max, aggregate).packetize(nals);
        assertThat(out).hasSameSizeAs(expected);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).as("payload %d", i).isEqualTo(expected.get(i));
            assertThat(out.get(i).length).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void largeUnitReassemblesFromFragments() {
        byte[] nal = new byte[4000];
        nal[0] = 0x26;
        nal[1] = 0x01;
        for (int i = 2; i < nal.length; i++) {
            nal[i] = (byte) (i * 13);
        }
        List<byte[]> out = new H265Packetizer(1400).packetize(List.of(nal));
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        joined.write((out.get(0)[0] & 0x81) | ((out.get(0)[2] & 0x3F) << 1));
        joined.write(out.get(0)[1]);
        for (byte[] p : out) {
            joined.write(p, 3, p.length - 3);
        }
        assertThat(joined.toByteArray()).isEqualTo(nal);
    }

    @Test
    void rejectsUnitShorterThanItsHeader() {
        assertThatThrownBy(() -> new H265Packetizer(100).packetize(List.of(new byte[] {0x26})))
                .hasMessageContaining("shorter than its 2-byte header");
    }
}
