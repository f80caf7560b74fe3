package io.xueliang.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xueliang.config.IngestConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.IngestService;
import io.xueliang.ingest.gst.GstRtspServer;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHubs;
import io.xueliang.media.StreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ingest against a real third-party camera: the GStreamer RTSP server serving the project's own
 * road clips (720p, 25 fps, 2 s GOP), H.264 and H.265, over TCP and UDP.
 */
class GstRtspServerIngestTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("h264", Transport.TCP), Arguments.of("h264", Transport.UDP),
                Arguments.of("h265", Transport.TCP), Arguments.of("h265", Transport.UDP));
    }

    private Path clip(String codec) throws IOException {
        Path file = tmp.resolve("road-" + codec + ".ts");
        try (InputStream in = getClass().getResourceAsStream("/clips/road-720p-" + codec + ".ts")) {
            Files.copy(in, file);
        }
        return file;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void ingestsGstreamerCameraWithKeyframeCadenceMonotonicTimeAndParameterSets(String codec, Transport transport)
            throws Exception {
        assumeTrue(GstRtspServer.available(), GstRtspServer.unavailableReason());
        StreamHubs hubs = new StreamHubs();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam", clip(codec), codec).start();
                IngestService ingest = new IngestService(IngestConfig.defaults(), hubs, InstantSource.system())) {
            CameraId id = CameraId.of("gst-" + codec);
            StreamReader reader = hubs.hub(id).subscribe("test", 1024);
            ingest.put(new Camera(id, null, List.of(), null, gst.uri("/cam"), null, transport, true, true, false,
                    true, null));

            List<AccessUnit> units = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (units.size() < 101 && System.nanoTime() < deadline) {
                AccessUnit u = reader.poll(Duration.ofMillis(200));
                if (u != null) {
                    units.add(u);
                }
            }
            assertThat(units).as("access units within 40 s; gst log:%n%s", gst.log()).hasSize(101);

            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                if (units.get(i).isKeyframe()) {
                    keys.add(i);
                }
            }
            assertThat(keys).as("a keyframe every 2 s at 25 fps").containsExactly(0, 50, 100);
            int wallClockSteps = 0;
            for (int i = 1; i < units.size(); i++) {
                assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).as("pts step at %d", i).isEqualTo(3600);
                if (units.get(i).wallClock().isBefore(units.get(i - 1).wallClock())) {
                    wallClockSteps++;
                }
            }
            // At most one step back: when the anchor moves from arrival time to the first RTCP SR.
            assertThat(wallClockSteps).isLessThanOrEqualTo(1);
            StreamDescription d = units.get(0).description();
            assertThat(d.codec()).isEqualTo(codec.equals("h264") ? Codec.H264 : Codec.H265);
            assertThat(d.hasParameterSets()).isTrue();
            assertThat(d.width()).isEqualTo(1280);
            assertThat(d.height()).isEqualTo(720);
            Set<Integer> keyframeNalTypes = nalTypes(units.get(0), d.codec());
            if (d.codec() == Codec.H264) {
                assertThat(keyframeNalTypes).contains(7, 8, 5);
            } else {
                assertThat(keyframeNalTypes).contains(32, 33, 34);
                assertThat(keyframeNalTypes).anyMatch(t -> t >= 16 && t <= 21);
            }
            assertThat(ingest.supervisor().health(id).orElseThrow().rtpPacketsLost()).isZero();
        }
    }

    @Test
    void autoTransportPlaysAGstreamerCameraThatRefusesTcpOverUdp() throws Exception {
        assumeTrue(GstRtspServer.available(), GstRtspServer.unavailableReason());
        StreamHubs hubs = new StreamHubs();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam", clip("h264"), "h264").protocols("udp").start();
                IngestService ingest = new IngestService(IngestConfig.defaults(), hubs, InstantSource.system())) {
            CameraId id = CameraId.of("gst-udp-only");
            StreamReader reader = hubs.hub(id).subscribe("test", 1024);
            ingest.put(new Camera(id, null, List.of(), null, gst.uri("/cam"), null, Transport.AUTO, true, true, false,
                    true, null));
            List<AccessUnit> units = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (units.size() < 30 && System.nanoTime() < deadline) {
                AccessUnit u = reader.poll(Duration.ofMillis(200));
                if (u != null) {
                    units.add(u);
                }
            }
            assertThat(units).as("access units within 40 s; gst log:%n%s", gst.log()).hasSize(30);
            assertThat(units.get(0).isKeyframe()).isTrue();
            assertThat(ingest.supervisor().health(id).orElseThrow().reconnects()).as("no retry: the fallback is in-session")
                    .isZero();
        }
    }

    /** NAL unit types in a length-prefixed access unit. */
    private static Set<Integer> nalTypes(AccessUnit unit, Codec codec) {
        Set<Integer> types = new HashSet<>();
        ByteBuffer b = unit.payload();
        while (b.remaining() >= 4) {
            int len = b.getInt();
            assertThat(len).isPositive().isLessThanOrEqualTo(b.remaining());
            int header = b.get(b.position()) & 0xff;
            types.add(codec == Codec.H264 ? header & 0x1f : (header >> 1) & 0x3f);
            b.position(b.position() + len);
        }
        assertThat(b.remaining()).isZero();
        return types;
    }
}
