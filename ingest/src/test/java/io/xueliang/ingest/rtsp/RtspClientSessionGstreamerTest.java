package io.xueliang.ingest.rtsp;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.Transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.ingest.gst.GstRtspServer;
import io.xueliang.ingest.gst.TsClips;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the GStreamer RTSP server, a real third-party peer (DESIGN.md §13). */
@ExtendWith(NettyLeakCheck.class)
class RtspClientSessionGstreamerTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static void assumePeers() {
        assumeTrue(GstRtspServer.available(), GstRtspServer.unavailableReason());
        assumeTrue(TsClips.ffmpegAvailable(), TsClips.unavailableReason());
    }

    static RtspClientConfig config(Transport transport) {
        int base = 30000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        return RtspClientConfig.defaults().withTransport(transport).withUdpPorts(new UdpPortRange(base, base + 99));
    }

    static RtspClientSession session(URI uri, RtspClientConfig config, RecordingListener listener) {
        return new RtspClientSession(uri, config, group, NioSocketChannel.class, NioDatagramChannel.class, listener);
    }

    static Stream<Arguments> codecsAndTransports() {
        return Stream.of(
                Arguments.of("h264", Transport.TCP),
                Arguments.of("h264", Transport.UDP),
                Arguments.of("h265", Transport.TCP),
                Arguments.of("h265", Transport.UDP));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("codecsAndTransports")
    void playsKeepsAliveAndTearsDown(String codec, Transport transport) throws Exception {
        assumePeers();
        Path clip = codec.equals("h264") ? TsClips.h264() : TsClips.h265();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam1", clip, codec).sessionTimeout(4).start()) {
            RecordingListener listener = new RecordingListener();
            RtspClientSession session = session(gst.uri("/cam1"), config(transport), listener);
            session.start();
            List<RtspTrack> tracks = listener.playing.get(15, TimeUnit.SECONDS);

            assertThat(tracks).hasSize(1);
            RtspTrack video = tracks.getFirst();
            assertThat(video.media()).isEqualTo("video");
            assertThat(video.encodingName()).isEqualTo(codec.toUpperCase());
            assertThat(video.clockRate()).isEqualTo(90000);
            assertThat(video.payloadType()).isEqualTo(96);
            if (codec.equals("h264")) {
                assertThat(video.fmtp()).containsKey("sprop-parameter-sets");
            } else {
                assertThat(video.fmtp()).containsKeys("sprop-vps", "sprop-sps", "sprop-pps");
            }
            assertThat(video.controlUri().toString()).startsWith(gst.uri("/cam1").toString()).endsWith("stream=0");

            // Longer than the 4 s session timeout: only keep-alives keep the stream coming.
            long start = System.nanoTime();
            Thread.sleep(6500);
            double seconds = (System.nanoTime() - start) / 1e9;
            long packets = listener.rtpCount(0);
            assertThat(packets).as("RTP packets in %.1f s at 25 fps", seconds)
                    .isBetween((long) (seconds * 25 * 0.6), (long) (seconds * 25 * 40));
            assertThat(System.nanoTime() - listener.lastRtpNanos.get()).as("RTP still flowing")
                    .isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(listener.wrongPayloadType).hasValue(0);
            assertThat(session.eventLoop().submit(session::keepAlivesAnswered).get()).isGreaterThanOrEqualTo(2);
            assertThat(session.state()).isEqualTo(RtspState.PLAYING);
            assertThat(listener.closed).isNotDone();

            session.stop();
            assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isSameAs(RecordingListener.STOPPED);
            assertThat(session.eventLoop().submit(session::teardownAnswered).get()).isTrue();
            assertThat(session.state()).isEqualTo(RtspState.CLOSED);
            Thread.sleep(100);
            assertThat(listener.closedCalls).hasValue(1);
        }
    }

    @Test
    void digestAuthenticationWithGstreamer() throws Exception {
        assumePeers();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam1", TsClips.h264(), "h264")
                .digestAuth("admin", "p@ss:w0rd").start()) {
            RecordingListener listener = new RecordingListener();
            RtspClientSession session = session(gst.uri("/cam1", "admin", "p@ss:w0rd"), config(Transport.TCP), listener);
            session.start();
            assertThat(listener.playing.get(15, TimeUnit.SECONDS)).hasSize(1);
            session.stop();
            assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isSameAs(RecordingListener.STOPPED);
        }
    }

    @Test
    void wrongPasswordAtGstreamerEndsWithAuthenticationFailure() throws Exception {
        assumePeers();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam1", TsClips.h264(), "h264")
                .basicAuth("admin", "right").start()) {
            RecordingListener listener = new RecordingListener();
            session(gst.uri("/cam1", "admin", "wrong"), config(Transport.TCP).withAuth(CameraAuth.ANY), listener).start();
            Throwable cause = listener.closed.get(10, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOfSatisfying(RtspAuthenticationException.class, e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.retriable()).isFalse();
                assertThat(e.getMessage()).contains("admin:***@").doesNotContain("wrong");
            });

            // GStreamer asks for Basic only: refused without sending the password unless the camera allows it.
            RecordingListener byDefault = new RecordingListener();
            session(gst.uri("/cam1", "admin", "right"), config(Transport.TCP), byDefault).start();
            assertThat(byDefault.closed.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspAuthenticationException.class,
                    e -> assertThat(e.attempts()).isZero());
        }
    }

    @Test
    void unknownMountEndsWithStatus404() throws Exception {
        assumePeers();
        try (GstRtspServer gst = GstRtspServer.builder().mount("/cam1", TsClips.h264(), "h264").start()) {
            RecordingListener listener = new RecordingListener();
            session(gst.uri("/nope"), config(Transport.TCP), listener).start();
            assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspStatusException.class, e -> {
                assertThat(e.code()).isEqualTo(404);
                assertThat(e.method()).isEqualTo("DESCRIBE");
                assertThat(e.retriable()).isFalse();
            });
        }
    }
}
