package io.xueliang.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.Codec;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SimulatorSourceTest {

    @Test
    void defaultClipIsSixteenSecondsOfH264WithTwoSecondGops() {
        SimulatorSource s = SimulatorSource.defaultClip();
        assertThat(s.codec()).isEqualTo(Codec.H264);
        assertThat(s.frameCount()).isEqualTo(400);
        assertThat(s.framesPerSecond()).isEqualTo(25);
        assertThat(s.clipDuration90k()).isEqualTo(16 * 90_000L);
        assertThat(s.parameterSets()).hasSize(2);
        for (int f = 0; f < s.frameCount(); f++) {
            assertThat(s.keyframe(f)).as("frame %d", f).isEqualTo(f % 50 == 0);
            assertThat(s.timestamp90k(f)).isEqualTo(f * 3600L);
            for (int p = s.firstPacket(f); p < s.firstPacket(f) + s.packetCount(f); p++) {
                assertThat(s.packetLength(p)).isBetween(1, SimulatorSource.DEFAULT_MAX_PAYLOAD);
            }
        }
    }

    @Test
    void loadsTheH265ClipWithVpsSpsPps() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/clips/road-720p-h265.ts")) {
            SimulatorSource s = SimulatorSource.fromTransportStream(in.readAllBytes(), 1400);
            assertThat(s.codec()).isEqualTo(Codec.H265);
            assertThat(s.frameCount()).isEqualTo(400);
            assertThat(s.parameterSets()).extracting(ps -> (ps[0] >> 1) & 0x3F).containsExactly(32, 33, 34);
            assertThat(SdpDescription.build(s, "cam1", 1, "127.0.0.1")).contains("a=rtpmap:96 H265/90000",
                    "sprop-vps=", "sprop-sps=", "sprop-pps=");
        }
    }

    @Test
    void rejectsAStreamWithoutVideo() {
        assertThatThrownBy(() -> SimulatorSource.fromTransportStream(new byte[188 * 4], 1400))
                .hasMessageContaining("holds 0 video access units");
    }
}
