package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.Location;
import io.xueliang.config.SuperiorPlatformConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.ps.PsDemuxer;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamHubs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascade against a third-party SIP peer: SIPp (gb-superior.xml) as the city platform above ours. It challenges our
 * REGISTER and checks the digest, asks our catalog and one camera's recordings, INVITEs a camera it is not shared
 * (404) and one it is, and receives that camera's live video as PS over RTP on a socket of this test.
 */
class GbCascadeSippTest {
    private static final String SERVER_ID = "43032100002000000001";
    private static final String DOMAIN = "4303210000";
    private static final String SUPERIOR_ID = "43010000002000000001";
    private static final String SECRET = "cascade-secret";
    private static final CameraId SHARED = CameraId.of("cam-north");
    /** A GB channel under us, in a region not shared: its own code, which a superior may guess. */
    private static final CameraId HIDDEN = CameraId.of("43030400001320000009");
    private static final long SSRC = 100_000_002L;
    private static final long PLAYBACK_SSRC = 1_100_000_003L;
    /** SIPp runs block a thread for their whole length: not the common pool's, which the futures here need. */
    private static final Executor SIPP = runnable -> Thread.ofVirtual().start(runnable);

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private GbPlatform platform;
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private Thread publisher;

    @BeforeEach
    void start() {
        Sipp.assumeAvailable();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws InterruptedException {
        publishing.set(false);
        if (publisher != null) {
            publisher.join(5_000);
        }
        if (platform != null) {
            platform.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The cameras of the test's registry: one in the shared township, one elsewhere. */
    private static final class Registry implements GbSharedCameras {
        private final List<Shared> all = List.of(
                new Shared(SHARED, "北门卡口", List.of("湘潭县", "易俗河镇"), new Location(27.78, 112.95), true),
                new Shared(HIDDEN, "岳塘 camera", List.of("岳塘区"), null, true));

        @Override
        public CompletableFuture<List<Shared>> cameras(List<List<String>> regions) {
            return CompletableFuture.completedFuture(all.stream().filter(c -> regions.stream()
                    .anyMatch(r -> c.region().size() >= r.size() && c.region().subList(0, r.size()).equals(r)))
                    .toList());
        }

        /** The clip from its first keyframe, 25 frames a second, as if recorded from {@code from} to {@code to}. */
        @Override
        public RecordedVideo open(CameraId camera, Instant from, Instant to) {
            assertThat(camera).isEqualTo(SHARED);
            SimulatorSource clip = SimulatorSource.defaultClip();
            List<byte[]> sets = clip.parameterSets();
            StreamDescription description = StreamDescription.h264(List.of(sets.get(0)), List.of(sets.get(1)), 0, 0);
            int frames = (int) (Duration.between(from, to).toMillis() * clip.framesPerSecond() / 1000);
            int[] next = {0};
            return () -> {
                int f = next[0]++;
                if (f >= frames) {
                    return null;
                }
                int c = f % clip.frameCount();
                return AccessUnit.handOver(SHARED, description, 90_000 + f * clip.frameDuration90k(),
                        from.plusMillis(f * 1000L / clip.framesPerSecond()), clip.keyframe(c), clip.frameUnits(c));
            };
        }

        @Override
        public CompletableFuture<List<Span>> recordings(CameraId camera, Instant from, Instant to) {
            return CompletableFuture.completedFuture(camera.equals(SHARED)
                    ? List.of(new Span(Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T02:30:00Z")))
                    : List.of());
        }
    }

    @Test
    void aSuperiorRegistersUsSeesTheSharedCatalogAndReceivesLiveVideo() throws Exception {
        StreamHubs hubs = new StreamHubs();
        publish(hubs.hub(SHARED));
        int sippPort = Sipp.freePort();
        String code = new GbCascadeCodes(DOMAIN).camera(SHARED).orElseThrow();
        List<AccessUnit> received = new CopyOnWriteArrayList<>();
        List<AccessUnit> played = new CopyOnWriteArrayList<>();
        AtomicLong foreignSsrc = new AtomicLong();
        try (DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread receiver = receive(media, received, played, foreignSsrc);
            platform = platform(sippPort, hubs);
            CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.run(dir, 60, "127.0.0.1:" + platform.sipPort(),
                            "-sf", Sipp.scenario("gb-superior.xml", dir).toString(),
                            "-oocsf", Sipp.scenario("gb-superior-ooc.xml", dir).toString(),
                            "-key", "user", SERVER_ID, "-key", "pass", SECRET, "-key", "camera", code,
                            "-key", "hidden", HIDDEN.value(), "-key", "mediaport", Integer.toString(media.getLocalPort()),
                            "-key", "from", "1796086800", "-key", "to", "1796086804",
                            "-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-m", "1",
                            "-trace_msg", "-message_file", dir.resolve("messages.log").toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, SIPP);
            Sipp.Run run = sipp.get(60, TimeUnit.SECONDS);
            receiver.interrupt();
            receiver.join(5_000);
            String messages = Files.readString(dir.resolve("messages.log"), Charset.forName("GB18030"));
            assertThat(run.exitCode()).as(run.output() + "\n" + messages).isZero();

            // the catalog: the shared camera under its township, nothing of the other region
            String catalog = String.join("\n", bodies(messages, "Catalog"));
            assertThat(catalog).contains("<DeviceID>" + code + "</DeviceID>")
                    .contains("<Name>北门卡口</Name>").contains("<Name>易俗河镇</Name>").contains("<Name>湘潭县</Name>")
                    .doesNotContain(HIDDEN.value()).doesNotContain("岳塘");
            // its recordings, and the keepalive of a registered lower platform
            assertThat(bodies(messages, "RecordInfo")).as("an unshared camera's recordings: none, as if unrecorded")
                    .anySatisfy(b -> assertThat(b).contains("<DeviceID>" + HIDDEN.value() + "</DeviceID>")
                            .contains("<SumNum>0</SumNum>"));
            assertThat(String.join("\n", bodies(messages, "RecordInfo"))).contains("<SumNum>1</SumNum>")
                    .contains("<StartTime>2026-12-01T01:00:00</StartTime>")
                    .contains("<EndTime>2026-12-01T02:30:00</EndTime>");
            assertThat(messages).contains("<CmdType>Keepalive</CmdType>");
            assertThat(catalog).contains("<Status>ON</Status>").contains("<Longitude>112.95</Longitude>");

            // live video: PS over RTP with the INVITE's SSRC, H.264 that starts at a keyframe
            assertThat(foreignSsrc.get()).as("packets with another SSRC").isZero();
            assertThat(received).hasSizeGreaterThan(25);
            assertThat(received.getFirst().isKeyframe()).isTrue();
            assertThat(received).allMatch(u -> u.codec() == Codec.H264);
            // four seconds of recordings, paused and resumed at double speed: start to end, then MediaStatus 121
            // (a GOP lost to a full receive buffer on a loaded machine may be missing in between)
            assertThat(played).hasSizeGreaterThanOrEqualTo(50);
            assertThat(played.getFirst().isKeyframe()).isTrue();
            assertThat(played.getFirst().pts90k()).as("from the start of the range").isEqualTo(90_000);
            assertThat(played.getLast().pts90k()).as("to its last frame")
                    .isEqualTo(90_000 + 99 * SimulatorSource.defaultClip().frameDuration90k());
            assertThat(String.join("\n", notifies(messages))).contains("<CmdType>MediaStatus</CmdType>")
                    .contains("<NotifyType>121</NotifyType>").contains("<DeviceID>" + code + "</DeviceID>");
            assertThat(count("superior_registrations")).isGreaterThanOrEqualTo(1);
            assertThat(count("superior_invites")).isEqualTo(3);
            assertThat(count("superior_refused_invites")).isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndRetriedNotLooped() throws Exception {
        int sippPort = Sipp.freePort();
        platform = platform(sippPort, new StreamHubs());
        CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run(dir, 20, "127.0.0.1:" + platform.sipPort(),
                        "-sf", Sipp.scenario("gb-superior.xml", dir).toString(),
                        "-oocsf", Sipp.scenario("gb-superior-ooc.xml", dir).toString(),
                        "-key", "user", SERVER_ID, "-key", "pass", "the-superior-expects-this", "-key", "camera",
                        SERVER_ID, "-key", "hidden", SERVER_ID, "-key", "mediaport", "9", "-key", "from", "0",
                        "-key", "to", "1",
                        "-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-m", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, SIPP);
        sipp.get(30, TimeUnit.SECONDS);
        // one challenge answered, the 403 taken as the end of this attempt: one failure, no registration
        assertThat(count("superior_register_failures")).isEqualTo(1);
        assertThat(count("superior_registrations")).isZero();
    }

    private static List<String> notifies(String log) {
        return bodies(log, "Notify", "MediaStatus");
    }

    private static List<String> bodies(String log, String cmdType) {
        return bodies(log, "Response", cmdType);
    }

    /** Someone at another address speaking for the superior: refused, never answered with our catalog. */
    @Test
    void aRequestNamingTheSuperiorFromAnotherAddressIsRefused() throws Exception {
        platform = platform(Sipp.freePort(), new StreamHubs());
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            stranger.setSoTimeout(5_000);
            String body = "<?xml version=\"1.0\"?>\r\n<Query>\r\n<CmdType>Catalog</CmdType>\r\n<SN>1</SN>\r\n"
                    + "<DeviceID>" + SERVER_ID + "</DeviceID>\r\n</Query>\r\n";
            String request = "MESSAGE sip:" + SERVER_ID + "@127.0.0.1:" + platform.sipPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.2:" + stranger.getLocalPort() + ";branch=z9hG4bK-stranger-1\r\n"
                    + "From: <sip:" + SUPERIOR_ID + "@4301000000>;tag=s1\r\nTo: <sip:" + SERVER_ID + "@4303210000>\r\n"
                    + "Call-ID: stranger-1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                    + "Content-Type: Application/MANSCDP+xml\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            byte[] bytes = request.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            stranger.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1",
                    platform.sipPort())));
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            stranger.receive(answer);
            assertThat(new String(buffer, 0, answer.getLength(), java.nio.charset.StandardCharsets.US_ASCII))
                    .startsWith("SIP/2.0 403");
            stranger.setSoTimeout(1_500);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> stranger.receive(
                    new DatagramPacket(new byte[4096], 4096)))).as("no catalog follows")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** The bodies of our MANSCDP messages of one root and CmdType in SIPp's message log. */
    private static List<String> bodies(String log, String root, String cmdType) {
        List<String> found = new ArrayList<>();
        for (int at = log.indexOf("<" + root + ">"); at >= 0; at = log.indexOf("<" + root + ">", at + 1)) {
            int end = log.indexOf("</" + root + ">", at);
            String body = log.substring(at, end);
            if (body.contains("<CmdType>" + cmdType + "</CmdType>")) {
                found.add(body);
            }
        }
        assertThat(found).as("answers of " + cmdType).isNotEmpty();
        return found;
    }

    private long count(String name) {
        return platform.counts().stream().filter(c -> c.name().equals(name)).mapToLong(Gb28181Stats.Count::value)
                .findFirst().orElseThrow();
    }

    private GbPlatform platform(int superiorPort, StreamHubs hubs) throws InterruptedException {
        Gb28181Config d = Gb28181Config.withDefaults(SERVER_ID, DOMAIN, "device-password");
        SuperiorPlatformConfig superior = new SuperiorPlatformConfig(SUPERIOR_ID, "4301000000", "127.0.0.1",
                superiorPort, Transport.UDP, SECRET, Duration.ofHours(1), Duration.ofSeconds(5),
                List.of("湘潭县/易俗河镇"));
        Gb28181Config config = new Gb28181Config(SERVER_ID, DOMAIN, "device-password", 0, "127.0.0.1", "127.0.0.1",
                d.registerExpiresMax(), d.keepaliveInterval(), d.keepaliveMisses(), d.mediaPortFirst(),
                d.mediaPortLast(), d.maxDevices(), d.maxChannelsPerDevice(), d.registersPerMinute(), List.of("湘潭县"),
                List.of(superior));
        return new GbPlatform(config, "127.0.0.1", CameraDefaults.defaults(), group, NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class, hubs, 4 << 20, Clock.systemUTC(),
                (device, channels, complete) -> { }, new Registry());
    }

    /** The generated road clip into the hub at its frame rate, as a camera's ingest would. */
    private void publish(StreamHub hub) {
        SimulatorSource clip = SimulatorSource.defaultClip();
        List<byte[]> sets = clip.parameterSets();
        StreamDescription description = StreamDescription.h264(List.of(sets.get(0)), List.of(sets.get(1)), 0, 0);
        publisher = Thread.ofPlatform().name("test-camera").start(() -> {
            long pts = 90_000;
            for (int f = 0; publishing.get(); f = (f + 1) % clip.frameCount()) {
                hub.publish(AccessUnit.handOver(SHARED, description, pts, Instant.now(), clip.keyframe(f),
                        clip.frameUnits(f)));
                pts += clip.frameDuration90k();
                try {
                    Thread.sleep(clip.frameDuration90k() / 90);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** RTP from the socket into the PS demuxer: a frame ends at the marker bit. */
    private static Thread receive(DatagramSocket socket, List<AccessUnit> live, List<AccessUnit> played,
            AtomicLong foreignSsrc) throws Exception {
        socket.setSoTimeout(200);
        // a keyframe comes as a burst of 100-200 packets: the default buffer (208 KiB) loses its tail on a busy
        // machine, and the demuxer then waits for the next keyframe, a GOP later
        socket.setReceiveBufferSize(4 << 20);
        PsDemuxer liveDemuxer = new PsDemuxer(SHARED, 4 << 20, InstantSource.system(), live::add);
        PsDemuxer playbackDemuxer = new PsDemuxer(SHARED, 4 << 20, InstantSource.system(), played::add);
        return Thread.ofPlatform().name("test-superior-media").start(() -> {
            byte[] buffer = new byte[2048];
            while (!Thread.currentThread().isInterrupted()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (Exception e) {
                    return;
                }
                byte[] b = Arrays.copyOf(p.getData(), p.getLength()); // the demuxer may keep what it is fed
                long ssrc = ((b[8] & 0xffL) << 24) | ((b[9] & 0xffL) << 16) | ((b[10] & 0xffL) << 8) | (b[11] & 0xffL);
                PsDemuxer demuxer = ssrc == SSRC ? liveDemuxer : ssrc == PLAYBACK_SSRC ? playbackDemuxer : null;
                if (demuxer == null || (b[1] & 0x7f) != 96) {
                    foreignSsrc.incrementAndGet();
                    continue;
                }
                demuxer.feed(b, 12, p.getLength() - 12);
                if ((b[1] & 0x80) != 0) {
                    demuxer.endOfFrame();
                }
            }
        });
    }
}
