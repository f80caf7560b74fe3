package io.xueliang.bench.gb28181;

import com.sun.management.OperatingSystemMXBean;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.ingest.gb28181.GbPlatform;
import io.xueliang.media.StreamHubs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registration storm and the keepalives after it (issue 13's GB/T 28181 targets), with SIPp as the devices: N
 * devices register with digest at N / seconds a second, then each sends a Keepalive every interval, twice. The
 * platform runs in this JVM; SIPp is a separate process on the same cores. Prints the REGISTER round trip (challenge
 * and answer) and Keepalive round trip percentiles from SIPp's per-call times, the platform JVM's CPU during the storm
 * and during the keepalive minutes, and its heap with the devices registered.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' io.xueliang.bench.gb28181.RegistrationStormBenchmark \
 *     --devices 10000 --seconds 30 --keepalive 60
 * </pre>
 */
public final class RegistrationStormBenchmark {
    private static final String SERVER_ID = "43032100002000000001";
    private static final String DOMAIN = "4303210000";
    private static final String PASSWORD = "storm-password";

    private RegistrationStormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = intOption(args, "--devices", 10_000);
        int seconds = intOption(args, "--seconds", 30);
        int keepaliveSeconds = intOption(args, "--keepalive", 60);
        Path dir = Files.createTempDirectory("gb-storm");
        Files.writeString(dir.resolve("devices.csv"), csv(devices));
        copy("storm.xml", dir);
        copy("storm-ooc.xml", dir);
        int sipPort;
        try (DatagramSocket s = new DatagramSocket(0)) {
            sipPort = s.getLocalPort();
        }
        Gb28181Config d = Gb28181Config.withDefaults(SERVER_ID, DOMAIN, PASSWORD);
        Gb28181Config config = new Gb28181Config(SERVER_ID, DOMAIN, PASSWORD, sipPort, "127.0.0.1", "127.0.0.1",
                Duration.ofHours(1), Duration.ofSeconds(keepaliveSeconds), 3, d.mediaPortFirst(), d.mediaPortLast(),
                Math.max(devices, 1), d.maxChannelsPerDevice(), 100_000, List.of(), List.of());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        AtomicInteger catalogs = new AtomicInteger();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (GbPlatform platform = new GbPlatform(config, "127.0.0.1", CameraDefaults.defaults(), group,
                EpollDatagramChannel.class, EpollServerSocketChannel.class, EpollSocketChannel.class, new StreamHubs(), 4 << 20,
                Clock.systemDefaultZone(), (id, channels, complete) -> catalogs.incrementAndGet(), null)) {
            long heapBefore = heapAfterGc();
            double rate = devices / (double) seconds;
            List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", "storm.xml", "-oocsf",
                    "storm-ooc.xml", "-inf", "devices.csv", "-i", "127.0.0.1", "-p", "0", "-r",
                    String.format(Locale.ROOT, "%.3f", rate), "-rp", "1000", "-m", Integer.toString(devices), "-l",
                    Integer.toString(devices), "-d", Integer.toString(keepaliveSeconds * 1000), "-trace_rtt",
                    "-rtt_freq", "1", "-trace_err", "-nostdin", "-max_recv_loops", "10000", "-max_sched_loops",
                    "10000", "-timeout", Integer.toString(seconds + 3 * keepaliveSeconds + 60)));
            Process sipp = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            while (platform.devicesRegistered() < devices && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(
                    seconds * 3L) && sipp.isAlive()) {
                Thread.sleep(100);
            }
            double stormSeconds = (System.nanoTime() - t0) / 1e9;
            double stormCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long heapRegistered = heapAfterGc();
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            sipp.waitFor(seconds + 3L * keepaliveSeconds + 120, TimeUnit.SECONDS);
            double keepaliveSecondsMeasured = (System.nanoTime() - t1) / 1e9;
            double keepaliveCpu = (os.getProcessCpuTime() - cpu1) / 1e9;
            System.out.printf(Locale.ROOT, "devices %d registered of %d in %.1f s (SIPp rate %.0f/s); platform CPU"
                    + " %.2f s = %.1f %% of a core during the storm%n", platform.devicesRegistered(), devices,
                    stormSeconds, rate, stormCpu, 100 * stormCpu / stormSeconds);
            System.out.printf(Locale.ROOT, "keepalive phase: %.0f s, platform CPU %.2f s = %.2f %% of a core"
                    + " (%d keepalives, %.0f/s)%n", keepaliveSecondsMeasured, keepaliveCpu,
                    100 * keepaliveCpu / keepaliveSecondsMeasured, platform.counters().keepalives(),
                    platform.counters().keepalives() / keepaliveSecondsMeasured);
            System.out.printf(Locale.ROOT, "heap: %.1f MiB before, %.1f MiB with the devices registered: %.2f KiB a"
                    + " device%n", heapBefore / 1048576.0, heapRegistered / 1048576.0,
                    (heapRegistered - heapBefore) / 1024.0 / Math.max(1, devices));
            System.out.printf(Locale.ROOT, "challenges %d, registrations %d, wrong passwords %d, SIPp exit %d%n",
                    platform.counters().challenges(), platform.counters().registrations(),
                    platform.counters().wrongPasswords(), sipp.isAlive() ? -1 : sipp.exitValue());
            rtt(dir);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** Percentiles of SIPp's per-call response times (ms), by timer name, from its rtt file. */
    private static void rtt(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (String timer : List.of("reg", "ka")) {
                    // Date_ms;response_time_ms;rtd_no
                    double[] ms = lines.stream().skip(1).map(l -> l.split(";")).filter(c -> c.length >= 3
                            && c[2].strip().equals(timer)).mapToDouble(c -> Double.parseDouble(c[1].strip()))
                            .sorted().toArray();
                    if (ms.length > 0) {
                        System.out.printf(Locale.ROOT, "%s round trip (SIPp): n=%d p50 %.2f p99 %.2f max %.2f ms%n",
                                timer, ms.length, ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(
                                        ms.length * 0.99) - 1)], ms[ms.length - 1]);
                    }
                }
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String csv(int devices) {
        StringBuilder b = new StringBuilder("SEQUENTIAL\n");
        for (int i = 1; i <= devices; i++) {
            String id = String.format(Locale.ROOT, "%s132%07d", DOMAIN, i);
            b.append(id).append(';').append(SERVER_ID).append(';').append(DOMAIN).append(";[authentication username=")
                    .append(id).append(" password=").append(PASSWORD).append("];\n");
        }
        return b.toString();
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = RegistrationStormBenchmark.class.getResourceAsStream(name)) {
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }
}
