package io.xueliang.ingest.simulator.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.Transport;
import io.xueliang.ingest.gb28181.GbDevice;
import io.xueliang.ingest.gb28181.GbPlatform;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSession;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamHubs;
import io.xueliang.media.StreamReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The device simulator against the real platform ({@link GbPlatform} on loopback): 2 devices x 2 channels register
 * with digest, keep alive, hand over their catalogs, and stream a channel as PS over RTP (UDP and TCP passive) into
 * the camera's hub until the platform's BYE or the simulator's.
 */
class GbDeviceSimulatorTest {
    private static final String SERVER_ID = "43032100002000000001";
    private static final String DOMAIN = "4303210000";
    private static final String PASSWORD = "Gb-12345678";
    private static final SimulatorSource CLIP = SimulatorSource.defaultClip();

    private EventLoopGroup group;
    private GbPlatform platform;
    private GbDeviceSimulator simulator;
    private final StreamHubs hubs = new StreamHubs(1024);
    private final Map<String, List<Camera>> catalogs = new ConcurrentHashMap<>();
    private final BlockingQueue<String> catalogsComplete = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        platform = platform(0);
        simulator = new GbDeviceSimulator(CLIP, GbSimulatorOptions.loopback(2, 2, platform.sipPort(), SERVER_ID,
                DOMAIN, PASSWORD).withKeepaliveInterval(Duration.ofMillis(300))).start();
    }

    /** A platform on the port of one just closed; the port may take a moment to be free again. */
    private GbPlatform restart(int sipPort) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return platform(sipPort);
            } catch (Exception e) { // a failed bind surfaces as Netty's undeclared BindException
                if (attempt == 20) {
                    throw new AssertionError("port " + sipPort + " stays in use", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private GbPlatform platform(int sipPort) throws InterruptedException {
        Gb28181Config d = Gb28181Config.withDefaults(SERVER_ID, DOMAIN, PASSWORD);
        Gb28181Config config = new Gb28181Config(SERVER_ID, DOMAIN, PASSWORD, sipPort, "127.0.0.1", "127.0.0.1",
                d.registerExpiresMax(), d.keepaliveInterval(), d.keepaliveMisses(), d.mediaPortFirst(),
                d.mediaPortLast(), d.maxDevices(), d.maxChannelsPerDevice(), d.registersPerMinute(), List.of("湘潭县"),
                List.of());
        return new GbPlatform(config, "127.0.0.1", CameraDefaults.defaults(), group, NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class, hubs, 4 << 20, Clock.systemDefaultZone(),
                (device, channels, complete) -> {
                    catalogs.put(device, channels);
                    if (complete) {
                        catalogsComplete.add(device);
                    }
                }, null);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    @Test
    void bothDevicesRegisterWithDigestKeepAliveAndHandOverTheirChannelsAsCameras() throws Exception {
        awaitTrue("both devices registered", () -> platform.devices().size() == 2);
        assertThat(platform.devices()).extracting(GbDevice::id)
                .containsExactlyInAnyOrderElementsOf(simulator.deviceIds());
        assertThat(simulator.deviceIds()).containsExactly("43032100001180000001", "43032100001180000002");
        // the platform tells them apart by the port their REGISTERs came from
        assertThat(platform.devices()).extracting(dev -> dev.remote().getPort())
                .containsExactlyInAnyOrder(simulator.sipPort(0), simulator.sipPort(1));

        assertThat(catalogsComplete.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(catalogsComplete.poll(10, TimeUnit.SECONDS)).isNotNull();
        for (int i = 0; i < 2; i++) {
            String device = simulator.deviceIds().get(i);
            List<Camera> cameras = catalogs.get(device);
            assertThat(cameras).extracting(c -> c.id().value()).containsExactlyElementsOf(simulator.channelIds(i));
            assertThat(cameras).extracting(c -> c.source().toString()).containsExactly(
                    "gb28181:" + device + "/" + simulator.channelIds(i).get(0),
                    "gb28181:" + device + "/" + simulator.channelIds(i).get(1));
            assertThat(cameras).extracting(Camera::name)
                    .containsExactly("模拟通道 " + (i + 1) + "-1", "模拟通道 " + (i + 1) + "-2");
        }
        assertThat(simulator.channelIds(1)).containsExactly("43032100001310000003", "43032100001310000004");

        awaitTrue("keepalives counted", () -> platform.counters().keepalives() >= 4);
        GbSimulatorStats stats = simulator.stats();
        assertThat(stats.registered()).isEqualTo(2);
        assertThat(stats.registrations()).isEqualTo(2);
        assertThat(stats.registerFailures()).isZero();
        assertThat(stats.deviceInfos()).isEqualTo(2);
        assertThat(stats.catalogMessages()).as("one item per MESSAGE over UDP").isEqualTo(4);
        assertThat(stats.keepalivesSent()).isGreaterThanOrEqualTo(platform.counters().keepalives());
        assertThat(platform.counters().challenges()).isEqualTo(2);
        assertThat(platform.counters().registrations()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aChannelStreamsPsIntoTheCamerasHubUntilThePlatformSaysBye(Transport transport) throws Exception {
        Camera camera = channel(1, 1, transport);
        StreamReader reader = hubs.hub(camera.id()).subscribe("test", 1024);
        Listener listener = new Listener();
        CameraSession session = platform.sessions().open(camera, new CameraCounters(System::nanoTime), listener);

        assertThat(listener.playing.await(10, TimeUnit.SECONDS)).as(() -> "answered; closed: " + listener.closed
                .getNow(null)).isTrue();
        List<AccessUnit> units = read(reader, 2);
        assertThat(units).allSatisfy(u -> assertThat(u.codec()).isEqualTo(Codec.H264));
        assertThat(units.getFirst().isKeyframe()).isTrue();
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).as("PTS steps one frame (25 fps)")
                    .isEqualTo(3600);
        }
        GbSimulatorStats playing = simulator.stats();
        assertThat(playing.invites()).isEqualTo(1);
        assertThat(playing.streams()).isEqualTo(1);
        assertThat(playing.framesSkipped()).isZero();

        session.stop();
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).as("stopped on request").isNull();
        awaitTrue("the simulator saw the BYE", () -> simulator.stats().byesReceived() == 1);
        awaitTrue("the stream stopped", () -> simulator.stats().streams() == 0);
        long sent = simulator.stats().packetsSent();
        Thread.sleep(300);
        assertThat(simulator.stats().packetsSent()).as("nothing sent after the BYE").isEqualTo(sent);
        assertThat(simulator.stats().byesSent()).isZero();
    }

    @Test
    void aDeviceAskedForItsStateSaysItIsOnlineAndWorking() throws Exception {
        awaitTrue("both devices registered", () -> platform.devices().size() == 2);
        String device = simulator.deviceIds().get(0);

        var state = platform.deviceStatus(device).get(15, TimeUnit.SECONDS);

        assertThat(state.online()).isTrue();
        assertThat(state.status()).isEqualTo("OK");
        assertThat(state.encode()).isEqualTo("ON");
        assertThat(platform.deviceStatus("43032100001180000099")).as("not registered")
                .failsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void closingTheSimulatorSendsByeForItsCallsAndUnregisters() throws Exception {
        Camera camera = channel(0, 0, Transport.UDP);
        Listener listener = new Listener();
        platform.sessions().open(camera, new CameraCounters(System::nanoTime), listener);
        assertThat(listener.playing.await(10, TimeUnit.SECONDS)).as(() -> "answered; closed: " + listener.closed
                .getNow(null)).isTrue();
        awaitTrue("streaming", () -> simulator.stats().packetsSent() > 0);

        simulator.close();

        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).as("the device ended the call")
                .hasMessageContaining("BYE");
        assertThat(simulator.stats().byesSent()).isEqualTo(1);
        assertThat(simulator.stats().streams()).isZero();
        assertThat(simulator.stats().registered()).isZero();
        awaitTrue("both devices unregistered", () -> platform.devices().isEmpty());
        assertThat(platform.counters().unregistrations()).isEqualTo(2);
    }

    @Test
    void devicesRegisterAgainWhenARestartedPlatformRefusesTheirKeepalives() throws Exception {
        awaitTrue("both devices registered", () -> platform.devices().size() == 2);
        int port = platform.sipPort();
        platform.close();
        catalogsComplete.clear();
        platform = restart(port); // it knows no device, and answers their MESSAGEs 403

        awaitTrue("both devices registered with the new platform", () -> platform.devices().size() == 2);
        assertThat(platform.counters().strangers()).as("keepalives refused").isGreaterThanOrEqualTo(2);
        awaitTrue("the simulator saw both 200s", () -> simulator.stats().registrations() == 4);
        assertThat(simulator.stats().registered()).isEqualTo(2);
        awaitTrue("catalogs asked again and handed over", () -> catalogsComplete.size() == 2);
    }

    @Test
    void overSipTcpADeviceRegistersSendsItsCatalogAndAnswersAnInviteOnItsConnection() throws Exception {
        simulator.close();
        awaitTrue("the UDP devices left", () -> platform.devices().isEmpty());
        catalogs.clear();
        simulator = new GbDeviceSimulator(CLIP, GbSimulatorOptions.loopback(1, 2, platform.sipPort(), SERVER_ID,
                DOMAIN, PASSWORD).withSipOverTcp(true)).start();

        awaitTrue("registered", () -> platform.devices().size() == 1);
        assertThat(platform.devices().getFirst().tcp()).as("registered over TCP").isTrue();
        Camera camera = channel(0, 1, Transport.UDP);
        assertThat(simulator.stats().catalogMessages()).as("both items in one MESSAGE over TCP").isEqualTo(1);
        Listener listener = new Listener();
        CameraSession session = platform.sessions().open(camera, new CameraCounters(System::nanoTime), listener);
        assertThat(listener.playing.await(10, TimeUnit.SECONDS)).as(() -> "answered; closed: " + listener.closed
                .getNow(null)).isTrue();
        awaitTrue("streaming", () -> simulator.stats().packetsSent() > 0);
        session.stop();
        awaitTrue("the BYE came on the connection", () -> simulator.stats().byesReceived() == 1);
    }

    @Test
    void anInvitePastMaxStreamsIsRefusedBusyHere() throws Exception {
        simulator.close();
        catalogs.clear();
        simulator = new GbDeviceSimulator(CLIP, GbSimulatorOptions.loopback(1, 1, platform.sipPort(), SERVER_ID,
                DOMAIN, PASSWORD).withMaxStreams(0)).start();
        Camera camera = channel(0, 0, Transport.UDP);
        Listener listener = new Listener();
        platform.sessions().open(camera, new CameraCounters(System::nanoTime), listener);

        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).hasMessageContaining("486");
        assertThat(listener.playing.getCount()).isOne();
        assertThat(simulator.stats().invitesRefused()).isEqualTo(1);
        assertThat(simulator.stats().invites()).isZero();
        assertThat(simulator.stats().packetsSent()).isZero();
    }

    /** Channel {@code j} of device {@code i} from the platform's catalog, pulled over {@code transport}. */
    private Camera channel(int i, int j, Transport transport) throws InterruptedException {
        String device = simulator.deviceIds().get(i);
        awaitTrue("the catalog of " + device, () -> catalogs.containsKey(device));
        Camera c = catalogs.get(device).get(j);
        return new Camera(c.id(), c.name(), c.region(), c.location(), c.source(), c.substream(), transport,
                c.record(), c.live(), c.plates(), c.enabled(), c.direction(), c.auth());
    }

    /** Access units from the first keyframe until {@code keyframes} keyframes came (2 s GOPs). */
    private static List<AccessUnit> read(StreamReader reader, int keyframes) throws InterruptedException {
        List<AccessUnit> units = new ArrayList<>();
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (seen < keyframes && System.nanoTime() < deadline) {
            AccessUnit u = reader.poll(Duration.ofMillis(200));
            if (u == null || !u.isVideo() || units.isEmpty() && !u.isKeyframe()) {
                continue;
            }
            if (u.isKeyframe() && ++seen == keyframes) {
                break;
            }
            units.add(u);
        }
        assertThat(seen).as("keyframes within 15 s").isEqualTo(keyframes);
        assertThat(units).as("a whole GOP").hasSize(50);
        return units;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static final class Listener implements CameraSessionListener {
        final CountDownLatch playing = new CountDownLatch(1);
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        @Override
        public void onPlaying() {
            playing.countDown();
        }

        @Override
        public void onClosed(Throwable cause) {
            closed.complete(cause);
        }
    }
}
