package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
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
                NioServerSocketChannel.class, new StreamHubs(64), 4 << 20, Clock.systemDefaultZone(),
                (device, channels, complete) -> catalogs.add(new Catalog(device, channels, complete)));
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
        Path fields = dir.resolve("device.csv");
        Files.writeString(fields, "SEQUENTIAL\n" + DEVICE + ";" + SERVER_ID + ";" + DOMAIN + ";\n");
        return Sipp.run(dir, 60, "127.0.0.1:" + platform.sipPort(), "-sf", Sipp.scenario("gb-device.xml").toString(),
                "-oocsf", Sipp.scenario("gb-device-ooc.xml").toString(), "-inf", fields.toString(), "-au", DEVICE,
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
    void aWrongPasswordIsRefused403AndCounted() throws Exception {
        Sipp.Run run = device("not-the-password");

        assertThat(run.exitCode()).as("SIPp expected 200 and got 403").isNotZero();
        assertThat(run.output()).contains("403");
        assertThat(platform.counters().wrongPasswords()).isEqualTo(1);
        assertThat(platform.devices()).isEmpty();
        assertThat(catalogs.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
}
