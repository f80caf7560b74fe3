package io.xueliang.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.rtp.aac.AacDepacketizer;
import io.xueliang.ingest.rtp.g711.G711Depacketizer;
import io.xueliang.ingest.rtp.h264.H264Depacketizer;
import io.xueliang.ingest.rtp.h265.H265Depacketizer;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DepacketizersTest {
    private static final CameraId CAMERA = CameraId.of("cam1");

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("H264", 90_000, Map.of(), H264Depacketizer.class),
                Arguments.of("h264", 90_000, Map.of("packetization-mode", "1"), H264Depacketizer.class),
                Arguments.of("H265", 90_000, Map.of(), H265Depacketizer.class),
                Arguments.of("HEVC", 90_000, Map.of(), H265Depacketizer.class),
                Arguments.of("mpeg4-generic", 16_000, Map.of("sizelength", "13", "config", "1408"),
                        AacDepacketizer.class),
                Arguments.of("PCMA", 8_000, Map.of(), G711Depacketizer.class),
                Arguments.of("PCMU", 8_000, Map.of(), G711Depacketizer.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void picksTheDepacketizerForTheEncodingName(String encoding, int rate, Map<String, String> fmtp, Class<?> type) {
        assertThat(Depacketizers.create(CAMERA, encoding, rate, 1, fmtp, 1000, u -> { })).isInstanceOf(type);
    }

    @Test
    void unknownEncodingIsRefusedWithItsName() {
        assertThatThrownBy(() -> Depacketizers.create(CAMERA, "VP8", 90_000, 1, Map.of(), 1000, u -> { }))
                .isInstanceOfSatisfying(UnsupportedPayloadException.class,
                        e -> assertThat(e.encoding()).isEqualTo("VP8"));
    }

    @Test
    void staticPayloadTypesMapToG711() {
        assertThat(Depacketizers.staticEncoding(0)).isEqualTo("PCMU");
        assertThat(Depacketizers.staticEncoding(8)).isEqualTo("PCMA");
        assertThat(Depacketizers.staticEncoding(96)).isNull();
        G711Depacketizer d = (G711Depacketizer) Depacketizers.create(CAMERA, Depacketizers.staticEncoding(8), 8000, 1,
                null, 1000, u -> { });
        assertThat(d.description().codec()).isEqualTo(Codec.PCMA);
    }
}
