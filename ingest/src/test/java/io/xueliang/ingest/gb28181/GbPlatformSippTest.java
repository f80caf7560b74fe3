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
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.DeviceRecordings;
import io.xueliang.media.StreamReader;
import io.xueliang.media.StreamHubs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform against a third-party SIP peer: SIPp playing a GB/T 28181 device (DESIGN.md §13). */
class GbPlatformSippTest {
    private static final String SERVER_ID = "43032100002000000001";
    private static final String DOMAIN = "4303210000";
    private static final String DEVICE = "43032100001180000009";
    private static final String PASSWORD = "Gb-12345678";

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private GbPlatform platform;
    private final BlockingQueue<Catalog> catalogs = new LinkedBlockingQueue<>();
    private final StreamHubs hubs = new StreamHubs(512);

    private record Catalog(String deviceId, List<Camera> channels, boolean complete) {
    }

    @BeforeEach
    void start() throws Exception {
        Sipp.assumeAvailable();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Gb28181Config config = Gb28181Config.withDefaults(SERVER_ID, DOMAIN, PASSWORD);
        config = new Gb28181Config(SERVER_ID, DOMAIN, PASSWORD, 0, "127.0.0.1", "127.0.0.1",
                config.registerExpiresMax(), config.keepaliveInterval(), config.keepaliveMisses(),
                config.mediaPortFirst(), config.mediaPortLast(), config.maxDevices(), config.maxChannelsPerDevice(),
                config.registersPerMinute(), List.of("湘潭县"), List.of());
        platform = new GbPlatform(config, "127.0.0.1", CameraDefaults.defaults(), group, NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class, hubs, 4 << 20, Clock.systemDefaultZone(),
                (device, channels, complete) -> catalogs.add(new Catalog(device, channels, complete)), null);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private Sipp.Run device(String password) throws Exception {
        return device(password, 1500, "gb-device-ooc.xml");
    }

    /**
     * SIPp as the device; it stays {@code stayMillis} after its catalog for the platform's queries and calls, which
     * the out-of-call scenario {@code ooc} answers.
     */
    private Sipp.Run device(String password, int stayMillis, String ooc) throws Exception {
        Path fields = dir.resolve("device.csv");
        Files.writeString(fields, "SEQUENTIAL\n" + DEVICE + ";" + SERVER_ID + ";" + DOMAIN + ";\n");
        return Sipp.run(dir, 60, "127.0.0.1:" + platform.sipPort(),
                "-sf", Sipp.scenario("gb-device.xml", dir).toString(),
                "-d", Integer.toString(stayMillis), "-mp", Integer.toString(Sipp.freePort()),
                "-oocsf", Sipp.scenario(ooc, dir).toString(), "-inf", fields.toString(), "-au", DEVICE,
                "-ap", password, "-i", "127.0.0.1", "-p", Integer.toString(Sipp.freePort()), "-m", "1", "-l", "1",
                "-timeout", "30", "-timeout_error", "-max_retrans", "3");
    }

    @Test
    void aDeviceRegistersWithDigestKeepsAliveAndItsCatalogInTwoPartsBecomesCameras() throws Exception {
        Sipp.Run run = device(PASSWORD);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Catalog catalog = catalogs.poll(10, TimeUnit.SECONDS);
        assertThat(catalog).as("the catalog, assembled").isNotNull();
        assertThat(catalog.deviceId()).isEqualTo(DEVICE);
        assertThat(catalog.complete()).isTrue();
        assertThat(catalog.channels()).extracting(Camera::name).containsExactly("东门卡口", "西门");
        assertThat(catalog.channels().get(0).region()).containsExactly("湘潭县", "易俗河镇");
        assertThat(catalog.channels().get(0).source().toString())
                .isEqualTo("gb28181:" + DEVICE + "/43032100001310000001");
        assertThat(platform.devices()).extracting(GbDevice::id).containsExactly(DEVICE);
        assertThat(platform.counters().registrations()).isEqualTo(1);
        assertThat(platform.counters().challenges()).isEqualTo(1);
        assertThat(platform.counters().keepalives()).isEqualTo(1);
    }

    @Test
    void theDeviceIsAskedWhatItRecordedAndItsAnswerAssembled() throws Exception {
        PsPcap.write(dir, dir.resolve("ps.pcap"), 1); // the scenario answers INVITEs with it too
        CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
            try {
                return device(PASSWORD, 6_000, "gb-device-ooc-live.xml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        Catalog catalog = catalogs.poll(20, TimeUnit.SECONDS);
        assertThat(catalog).as(() -> "the device registered and sent its catalog; SIPp: "
                + (sipp.isDone() ? sipp.join().output() : "running")).isNotNull();
        GbChannelAddress channel = GbChannelAddress.of(catalog.channels().get(0).source()).orElseThrow();
        DeviceRecordings.Listing listing;
        try {
            listing = platform.recordings(channel, Instant.parse("2026-12-01T00:00:00Z"),
                    Instant.parse("2026-12-02T00:00:00Z")).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("SIPp: " + sipp.get(60, TimeUnit.SECONDS).output(), e);
        }
        assertThat(listing.complete()).isTrue();
        assertThat(listing.items()).extracting(DeviceRecordings.Item::type).containsExactly("time", "alarm");
        assertThat(listing.items().get(1).filePath()).isEqualTo("/sd/rec/0002.ps");
        assertThat(sipp.get(60, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void aChannelIsInvitedAndItsPsStreamFromACaptureBecomesAccessUnits() throws Exception {
        PsPcap.write(dir, dir.resolve("ps.pcap"), 5);
        CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
            try {
                return device(PASSWORD, 12_000, "gb-device-ooc-live.xml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Catalog catalog = catalogs.poll(20, TimeUnit.SECONDS);
        assertThat(catalog).as(() -> "the device registered and sent its catalog; SIPp: "
                + (sipp.isDone() ? sipp.join().output() : "still running")).isNotNull();
        Camera east = catalog.channels().get(0);
        StreamReader reader = hubs.hub(east.id()).subscribe("test");
        CameraCounters counters = new CameraCounters(System::nanoTime);
        CountDownLatch playing = new CountDownLatch(1);
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        var session = platform.sessions().open(east, counters, new CameraSessionListener() {
            @Override
            public void onPlaying() {
                playing.countDown();
            }

            @Override
            public void onClosed(Throwable cause) {
                closed.complete(cause);
            }
        });

        assertThat(playing.await(15, TimeUnit.SECONDS)).as("the device answered the INVITE").isTrue();
        List<AccessUnit> units = new ArrayList<>();
        while (units.size() < 50) {
            AccessUnit unit = reader.poll(Duration.ofSeconds(10));
            assertThat(unit).as("access units after " + units.size()).isNotNull();
            units.add(unit);
        }
        assertThat(units).allMatch(u -> u.codec() == Codec.H264);
        assertThat(units.get(0).isKeyframe()).isTrue();
        assertThat(units.get(0).description().width()).isEqualTo(320);
        assertThat(units.get(1).pts90k() - units.get(0).pts90k()).isEqualTo(3600);
        assertThat(units.stream().filter(AccessUnit::isKeyframe).count()).isGreaterThanOrEqualTo(2);
        assertThat(counters.frames()).isGreaterThanOrEqualTo(50);

        session.stop();
        assertThat(closed.get(10, TimeUnit.SECONDS)).as("stopped on request").isNull();
        Sipp.Run run = sipp.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(platform.counters().invites()).isEqualTo(1);
        assertThat(platform.counters().failedInvites()).isZero();
    }

    @Test
    void aCatalogFromAnotherAddressThanTheDeviceRegisteredFromIsRefused() throws Exception {
        CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
            try {
                return device(PASSWORD, 6_000, "gb-device-ooc.xml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(catalogs.poll(20, TimeUnit.SECONDS)).as("the device's own catalog").isNotNull();
        // The attacker: same device id, another source address, a catalog naming a camera of its choosing.
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Response><CmdType>Catalog</CmdType><SN>99</SN>"
                + "<DeviceID>" + DEVICE + "</DeviceID><SumNum>1</SumNum><DeviceList Num=\"1\"><Item><DeviceID>"
                + "43032100001310000666</DeviceID><Name>injected</Name></Item></DeviceList></Response>";
        String message = "MESSAGE sip:" + SERVER_ID + "@" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:5099;rport;branch=z9hG4bK-attacker\r\n"
                + "From: <sip:" + DEVICE + "@" + DOMAIN + ">;tag=a1\r\nTo: <sip:" + SERVER_ID + "@" + DOMAIN + ">\r\n"
                + "Call-ID: attacker-1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: Application/MANSCDP+xml\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(
                "127.0.0.2", 0))) {
            attacker.setSoTimeout(5000);
            byte[] out = message.getBytes(StandardCharsets.UTF_8);
            attacker.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1",
                    platform.sipPort())));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            attacker.receive(answer);
            assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8))
                    .startsWith("SIP/2.0 403");
        }
        assertThat(catalogs.poll(6, TimeUnit.SECONDS)).as("no catalog from the attacker").isNull();
        assertThat(platform.counters().strangers()).isEqualTo(1);
        assertThat(sipp.get(60, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void aWrongPasswordIsRefused403AndCounted() throws Exception {
        Sipp.Run run = device("not-the-password");

        assertThat(run.exitCode()).as("SIPp expected 200 and got 403").isNotZero();
        assertThat(run.output()).contains("403");
        assertThat(platform.counters().wrongPasswords()).isEqualTo(1);
        assertThat(platform.devices()).isEmpty();
        assertThat(catalogs.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aDeviceWithAPasswordOfItsOwnCannotRegisterWithTheSharedOne() throws Exception {
        platform.devicePassword(DEVICE, "nvr-own-password");
        assertThat(device(PASSWORD).exitCode()).as("the shared password no longer opens it").isNotZero();
        assertThat(platform.counters().wrongPasswords()).isEqualTo(1);
        assertThat(platform.devices()).isEmpty();

        Sipp.Run run = device("nvr-own-password");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(platform.registeredDevices()).singleElement().satisfies(d -> assertThat(d.ownPassword()).isTrue());

        platform.devicePassword(DEVICE, null);
        assertThat(device(PASSWORD).exitCode()).as("the shared password again").isZero();
    }

    @Test
    void theDevicePlaysWhatItRecordedIntoAHubOfItsOwnAndTakesControls() throws Exception {
        PsPcap.write(dir, dir.resolve("ps.pcap"), 5);
        // another program holds the next media ports: the session takes the one after them
        List<DatagramSocket> taken = new ArrayList<>();
        for (int port = 30_000; port < 30_004; port++) {
            try {
                taken.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", port)));
            } catch (java.net.BindException busy) {
                // held by someone else already: as good
            }
        }
        CompletableFuture<Sipp.Run> sipp = CompletableFuture.supplyAsync(() -> {
            try {
                return device(PASSWORD, 12_000, "gb-device-ooc-live.xml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        Catalog catalog = catalogs.poll(20, TimeUnit.SECONDS);
        assertThat(catalog).as(() -> "the device registered and sent its catalog; SIPp: "
                + (sipp.isDone() ? sipp.join().output() : "running")).isNotNull();
        Camera channel = catalog.channels().get(0);
        CameraId feed = CameraId.of(channel.id().value() + "--pb1");

        GbPlaybackSession session = platform.playback(channel, Instant.parse("2026-12-01T08:00:00Z"),
                Instant.parse("2026-12-01T08:30:00Z"), feed).get(20, TimeUnit.SECONDS);
        StreamReader reader = hubs.find(feed).orElseThrow().subscribe("test");
        List<AccessUnit> units = new ArrayList<>();
        while (units.size() < 25) {
            AccessUnit u = reader.poll(Duration.ofSeconds(10));
            assertThat(u).as("the device's recording arrives in the playback's hub").isNotNull();
            units.add(u);
        }
        assertThat(units.getFirst().isKeyframe()).isTrue();
        assertThat(hubs.find(channel.id())).as("not the camera's live hub").isEmpty();

        session.pause().get(10, TimeUnit.SECONDS);
        session.play(2.0).get(10, TimeUnit.SECONDS);
        session.seek(Duration.ofMinutes(10)).get(10, TimeUnit.SECONDS);
        session.close();
        assertThat(session.ended().get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(hubs.find(feed)).as("the playback's hub is gone with it").isEmpty();
        assertThat(session.pause()).failsWithin(Duration.ofSeconds(10));
        taken.forEach(DatagramSocket::close);
    }
}
