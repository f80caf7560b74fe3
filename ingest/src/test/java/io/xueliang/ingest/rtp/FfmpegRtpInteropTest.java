package io.xueliang.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real third-party sender: ffmpeg's RTP muxer streams generated video or audio over UDP to this
 * test, which depacketises it; video access units are written back as Annex B and counted by
 * ffprobe, so what we emit must be a decodable bitstream, not just what we expect.
 */
class FfmpegRtpInteropTest {
    private static final Pattern RTPMAP = Pattern.compile("a=rtpmap:(\\d+) ([^/\\s]+)/(\\d+)(?:/(\\d+))?");
    private static final Pattern FMTP = Pattern.compile("a=fmtp:\\d+ (.*)");

    @TempDir
    Path dir;

    /** Video without B-frames, as surveillance cameras send it: presentation order is decode order. */
    static Stream<Arguments> senders() {
        return Stream.of(
                Arguments.of("h264", List.of("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "2",
                        "-pix_fmt", "yuv420p", "-c:v", "libx264", "-g", "25", "-bf", "0"), 50),
                Arguments.of("h265", List.of("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "2",
                        "-pix_fmt", "yuv420p", "-c:v", "libx265", "-x265-params", "log-level=error:keyint=25:bframes=0"), 50),
                Arguments.of("aac", List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000", "-t", "2",
                        "-c:a", "aac"), 31),
                Arguments.of("pcma", List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "2",
                        "-c:a", "pcm_alaw"), 16_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void depacketisesWhatFfmpegSends(String name, List<String> input, int expected) throws Exception {
        Assumptions.assumeTrue(works("ffmpeg", "-version"), "ffmpeg not installed: skipping the interop test");
        Selector selector = Selector.open();
        DatagramChannel[] pair = bindPair();
        try {
            for (DatagramChannel ch : pair) {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                ch.register(selector, SelectionKey.OP_READ);
            }
            int port = ((InetSocketAddress) pair[0].getLocalAddress()).getPort();
            Path sdp = dir.resolve("stream.sdp");
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-re"));
            cmd.addAll(input);
            cmd.addAll(List.of("-f", "rtp", "-pkt_size", "1000", "-sdp_file", sdp.toString(),
                    "rtp://127.0.0.1:" + port + "?localrtcpport=" + (port + 5)));
            Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();

            List<AccessUnit> units = new ArrayList<>();
            RtpTrackReceiver receiver = null;
            ByteBuffer datagram = ByteBuffer.allocate(65536);
            long quietSince = System.nanoTime();
            while (true) {
                boolean exited = !ffmpeg.isAlive();
                if (selector.select(100) == 0) {
                    if (exited && System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                        break;
                    }
                    if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(20)) {
                        break;
                    }
                    continue;
                }
                quietSince = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    while (true) {
                        datagram.clear();
                        if (ch.receive(datagram) == null) {
                            break;
                        }
                        datagram.flip();
                        if (receiver == null) {
                            // The SDP file is written before the first packet is sent.
                            receiver = receiverFor(Files.readString(sdp), units);
                        }
                        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
                        try {
                            if (ch == pair[0]) {
                                receiver.onRtp(buf);
                            } else {
                                receiver.onRtcp(buf);
                            }
                        } finally {
                            buf.release();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            assertThat(ffmpeg.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();
            assertThat(receiver).isNotNull();
            assertThat(receiver.tracker().lostTotal()).isZero();
            assertThat(receiver.clock().anchoredOnSenderReport()).as("ffmpeg sends RTCP SR").isTrue();
            int wallClockSteps = 0;
            for (int i = 1; i < units.size(); i++) {
                assertThat(units.get(i).pts90k()).isGreaterThan(units.get(i - 1).pts90k());
                if (units.get(i).wallClock().isBefore(units.get(i - 1).wallClock())) {
                    wallClockSteps++;
                }
            }
            // Wall clock follows media time; it may step once, when the anchor moves from arrival
            // time to ffmpeg's first sender report (time is not bent to hide that).
            assertThat(wallClockSteps).isLessThanOrEqualTo(1);
            Codec codec = units.getFirst().codec();
            if (codec.isVideo()) {
                assertThat(units).hasSize(expected);
                assertThat(units.getFirst().isKeyframe()).isTrue();
                assertThat(units.stream().filter(AccessUnit::isKeyframe).count()).isEqualTo(2);
                assertThat(units.getFirst().description().width()).isEqualTo(640);
                assertThat(units.getFirst().description().height()).isEqualTo(360);
                assertThat(ffprobeFrames(units, codec)).isEqualTo(expected);
            } else if (codec == Codec.AAC) {
                assertThat(units.size()).isBetween(expected, expected + 3);
                assertThat(units.get(2).pts90k() - units.get(1).pts90k()).isEqualTo(5760);
            } else {
                assertThat(units.stream().mapToInt(AccessUnit::size).sum()).isEqualTo(expected);
            }
        } finally {
            for (DatagramChannel ch : pair) {
                ch.close();
            }
            selector.close();
        }
    }

    private static RtpTrackReceiver receiverFor(String sdp, List<AccessUnit> units) {
        Matcher m = RTPMAP.matcher(sdp);
        String encoding;
        int rate;
        int channels = 1;
        if (m.find()) {
            encoding = m.group(2);
            rate = Integer.parseInt(m.group(3));
            channels = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        } else {
            encoding = "PCMA"; // static payload type 8, announced without rtpmap
            rate = 8000;
        }
        Map<String, String> fmtp = new HashMap<>();
        Matcher f = FMTP.matcher(sdp);
        if (f.find()) {
            for (String kv : f.group(1).split(";")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    fmtp.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
        }
        Depacketizer d = Depacketizers.create(CameraId.of("ffmpeg"), encoding, rate, channels, fmtp, 4 << 20,
                units::add);
        return new RtpTrackReceiver(d, rate, InstantSource.system(), 1, "xueliang-test");
    }

    private int ffprobeFrames(List<AccessUnit> units, Codec codec) throws IOException, InterruptedException {
        Assumptions.assumeTrue(works("ffprobe", "-version"), "ffprobe not installed: skipping bitstream check");
        Path file = dir.resolve(codec == Codec.H264 ? "out.h264" : "out.h265");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (AccessUnit unit : units) {
                ByteBuffer p = unit.payload();
                while (p.hasRemaining()) {
                    int len = p.getInt();
                    out.write(new byte[] {0, 0, 0, 1});
                    byte[] nal = new byte[len];
                    p.get(nal);
                    out.write(nal);
                }
            }
        }
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes()).trim();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out);
    }

    private static DatagramChannel[] bindPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            try {
                DatagramChannel rtcp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port + 1));
                return new DatagramChannel[] {rtp, rtcp};
            } catch (IOException e) {
                rtp.close();
            }
        }
        throw new IOException("no free pair of UDP ports");
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
