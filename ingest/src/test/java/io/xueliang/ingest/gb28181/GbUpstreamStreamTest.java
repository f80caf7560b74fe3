package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.ingest.ps.PsDemuxer;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHub;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A camera sent to a superior over TCP (it offered {@code TCP/RTP/AVP} with {@code a=setup:passive}): we connect to
 * its port and send RTP behind RFC 4571 lengths, from a keyframe, and the stream tells its call when the superior
 * closes the connection.
 */
class GbUpstreamStreamTest {
    private static final CameraId CAMERA = CameraId.of("cam-tcp");
    private EventLoopGroup group;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void overTcpItConnectsToTheSuperiorAndSendsLengthPrefixedRtpFromAKeyframe() throws Exception {
        StreamHub hub = new StreamHub(CAMERA);
        SimulatorSource clip = SimulatorSource.defaultClip();
        List<byte[]> sets = clip.parameterSets();
        StreamDescription description = StreamDescription.h264(List.of(sets.get(0)), List.of(sets.get(1)), 0, 0);
        CompletableFuture<String> ended = new CompletableFuture<>();
        try (ServerSocket superior = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GbUpstreamStream stream = new GbUpstreamStream(group.next(),
                    new Bootstrap().group(group).channel(NioDatagramChannel.class),
                    new Bootstrap().group(group).channel(NioSocketChannel.class), "127.0.0.1",
                    GbUpstreamStream.live(hub, "test"), new InetSocketAddress("127.0.0.1", superior.getLocalPort()),
                    true, 100_000_007L, (why, finished) -> ended.complete(why));
            assertThat(stream.open().get(5, TimeUnit.SECONDS)).as("RFC 4145's discard port: we connect").isEqualTo(9);
            stream.play();
            try (Socket connection = superior.accept()) {
                connection.setSoTimeout(10_000);
                // frames published after the connection: the stream starts at the first keyframe among them
                Thread publisher = Thread.ofPlatform().start(() -> {
                    long pts = 90_000;
                    for (int f = 1; f < 80; f++) {
                        hub.publish(AccessUnit.handOver(CAMERA, description, pts, Instant.now(), clip.keyframe(f),
                                clip.frameUnits(f)));
                        pts += clip.frameDuration90k();
                    }
                });
                List<AccessUnit> units = new ArrayList<>();
                PsDemuxer demuxer = new PsDemuxer(CAMERA, 4 << 20, InstantSource.system(), units::add);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                while (units.size() < 10) {
                    byte[] rtp = new byte[in.readUnsignedShort()];
                    in.readFully(rtp);
                    long ssrc = ((rtp[8] & 0xffL) << 24) | ((rtp[9] & 0xffL) << 16) | ((rtp[10] & 0xffL) << 8)
                            | (rtp[11] & 0xffL);
                    assertThat(ssrc).isEqualTo(100_000_007L);
                    demuxer.feed(rtp, 12, rtp.length - 12);
                    if ((rtp[1] & 0x80) != 0) {
                        demuxer.endOfFrame();
                    }
                }
                publisher.join();
                assertThat(units.getFirst().isKeyframe()).isTrue();
                assertThat(units).allMatch(u -> u.codec() == Codec.H264);
            }
            assertThat(ended.get(10, TimeUnit.SECONDS)).contains("closed the media connection");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hub.readers().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(hub.readers()).as("the stream left the hub").isEmpty();
        }
    }
}
