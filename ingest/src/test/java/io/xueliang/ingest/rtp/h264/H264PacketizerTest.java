package io.xueliang.ingest.rtp.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class H264PacketizerTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fits: single NAL unit packet", 8, false, List.of(b(0x65, 1, 2, 3)),
                        List.of(b(0x65, 1, 2, 3))),
                Arguments.of("exactly the limit stays single", 4, false, List.of(b(0x41, 1, 2, 3)),
                        List.of(b(0x41, 1, 2, 3))),
                Arguments.of("FU-A: NRI kept in indicator, S and E bits, header byte not repeated", 4, false,
                        List.of(b(0x65, 1, 2, 3, 4, 5)),
                        List.of(b(0x7C, 0x85, 1, 2), b(0x7C, 0x05, 3, 4), b(0x7C, 0x45, 5))),
                Arguments.of("FU-A of a non-reference slice", 5, false, List.of(b(0x01, 9, 8, 7, 6, 5)),
                        List.of(b(0x1C, 0x81, 9, 8, 7), b(0x1C, 0x41, 6, 5))),
                Arguments.of("no aggregation: SPS and PPS alone", 20, false, List.of(b(0x67, 1), b(0x68, 2)),
                        List.of(b(0x67, 1), b(0x68, 2))),
                Arguments.of("STAP-A: SPS+PPS, NRI is the max, sizes big-endian", 20, true,
                        List.of(b(0x67, 1, 2), b(0x68, 3),
                                b(0x65, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)),
                        List.of(b(0x78, 0, 3, 0x67, 1, 2, 0, 2, 0x68, 3),
                                b(0x7C, 0x85, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18),
                                b(0x7C, 0x45, 19, 20, 21))),
                Arguments.of("STAP-A needs two units; one small unit stays single", 20, true, List.of(b(0x41, 1)),
                        List.of(b(0x41, 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packetizesToTheRfc6184Layout(String name, int max, boolean aggregate, List<byte[]> nals,
            List<byte[]> expected) {
        List<byte[]> out = new H264Packetizer(max, aggregate).packetize(nals);
        assertThat(out).hasSameSizeAs(expected);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).as("payload %d", i).isEqualTo(expected.get(i));
            assertThat(out.get(i).length).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void largeUnitReassemblesFromFragments() {
        byte[] nal = new byte[5000];
        nal[0] = 0x65;
        for (int i = 1; i < nal.length; i++) {
            nal[i] = (byte) (i * 7);
        }
        List<byte[]> out = new H264Packetizer(1400).packetize(List.of(nal));
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        joined.write((out.get(0)[0] & 0xE0) | (out.get(0)[1] & 0x1F));
        for (byte[] p : out) {
            joined.write(p, 2, p.length - 2);
        }
        assertThat(joined.toByteArray()).isEqualTo(nal);
        assertThat(out).hasSize(4);
    }

    @Test
    void rejectsPayloadLimitTooSmallForFuA() {
        assertThatThrownBy(() -> new H264Packetizer(2)).hasMessageContaining("maxPayloadBytes 2");
    }
}
