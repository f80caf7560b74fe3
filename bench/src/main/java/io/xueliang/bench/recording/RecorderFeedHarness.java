package io.xueliang.bench.recording;

import io.xueliang.bench.jmh.Mp4ExportBenchmark;
import io.xueliang.bench.proc.ProcPss;
import io.xueliang.bench.proc.ThreadCpu;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.RecordingConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamHubs;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.recording.RecorderStats;
import io.xueliang.storage.recording.RecordingGate;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.RecordingService;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Recording alone, in this JVM, at N cameras: the access units of a clip published into N stream hubs at 25 a second
 * each (every unit a fresh array, as the depacketiser makes them), recorded by the server's {@link RecordingService}
 * into a store and segment files under {@code --root}, with the defaults of {@code recording} in the configuration.
 * No network, no simulator: what it measures is recording's cost and whether it keeps up, with far less load on the
 * machine than the whole system at 1,000 cameras (which a shared 2-core machine cannot always give). CPU is this
 * process's (utime + stime) and by thread; memory its RSS and PSS; run it with the server's JVM options, e.g. those
 * of {@code config/jvm.options}:
 *
 * <pre>
 * java $(grep -v '^#' config/jvm.options) -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' \
 *     io.xueliang.bench.recording.RecorderFeedHarness --cameras 1000 --warmup 30 --seconds 120 \
 *     --clip target/road-720p-h264-2mbps.ts --root target/feedbench
 * </pre>
 */
public final class RecorderFeedHarness {
    private int cameras = 1000;
    private int warmupSeconds = 30;
    private int seconds = 120;
    private int publishers = 2;
    private Path clip;
    private Path root = Path.of("target", "feedbench");

    public static void main(String[] args) throws Exception {
        RecorderFeedHarness h = new RecorderFeedHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cameras" -> h.cameras = Integer.parseInt(args[++i]);
                case "--warmup" -> h.warmupSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> h.seconds = Integer.parseInt(args[++i]);
                case "--publishers" -> h.publishers = Integer.parseInt(args[++i]);
                case "--clip" -> h.clip = Path.of(args[++i]);
                case "--root" -> h.root = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        h.run();
    }

    private void run() throws Exception {
        SimulatorSource source = clip == null ? SimulatorSource.defaultClip() : SimulatorSource.load(clip);
        List<AccessUnit> units = Mp4ExportBenchmark.clipUnits(source, CameraId.of("clip"));
        Files.createDirectories(root);
        Path store = Files.createTempDirectory(root.toAbsolutePath(), "run-" + cameras + "-");
        RecordingConfig config = RecordingConfig.defaults();
        System.out.printf(Locale.ROOT, "%d cameras, clip of %d units (%.2f Mbit/s), store %s, JVM %s%n", cameras,
                units.size(), units.stream().mapToLong(AccessUnit::size).sum() * 8.0 / (units.size() / 25.0) / 1e6,
                store, ManagementFactory.getRuntimeMXBean().getInputArguments());
        StreamHubs hubs = new StreamHubs(4096);
        List<CameraId> ids = new ArrayList<>();
        for (int i = 1; i <= cameras; i++) {
            ids.add(CameraId.of("cam" + i));
        }
        long pid = ProcessHandle.current().pid();
        try (EmbeddedDatabase database = EmbeddedDatabase.open(store, EmbeddedDatabaseSettings.defaults(),
                InstantSource.system());
             RecordingService recording = service(hubs, new SqliteRecordingIndex(database), store, config)) {
            ids.forEach(id -> recording.put(camera(id)));
            ScheduledExecutorService publishing = Executors.newScheduledThreadPool(publishers, r -> {
                Thread t = new Thread(r, "publisher");
                t.setDaemon(true);
                return t;
            });
            Instant t0 = Instant.now();
            for (int p = 0; p < publishers; p++) {
                int first = p;
                long[] frame = {0};
                publishing.scheduleAtFixedRate(() -> {
                    long f = frame[0]++;
                    for (int i = first; i < ids.size(); i += publishers) {
                        // Each camera its own phase in the clip, so that keyframes (and rotations) do not all coincide.
                        AccessUnit u = units.get((int) ((f + i * 7L) % units.size()));
                        StreamHub hub = hubs.hub(ids.get(i));
                        hub.publish(AccessUnit.copyOf(ids.get(i), u.description(), 90_000L + f * 3_600,
                                t0.plusMillis(f * 40), u.isKeyframe(), u.copyPayload()));
                    }
                }, 0, 40, TimeUnit.MILLISECONDS);
            }
            Thread.sleep(warmupSeconds * 1000L);
            Sample a = Sample.take(pid, recording);
            Thread.sleep(seconds * 1000L);
            Sample b = Sample.take(pid, recording);
            publishing.shutdownNow();
            b.report(a, cameras);
            System.out.println(memory(recording));
        } finally {
            deleteTree(store);
        }
    }

    private record Sample(long nanos, long cpuNanos, long gcMillis, long units, long dropped, long rss, long pss,
            Map<String, Long> threads) {
        static Sample take(long pid, RecordingService recording) {
            long units = 0;
            long dropped = 0;
            for (RecorderStats s : recording.stats()) {
                units += s.units();
                dropped += s.droppedUnits();
            }
            long gc = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, g.getCollectionTime());
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Sample(System.nanoTime(), os.getProcessCpuTime(), gc, units, dropped, residentBytes(pid),
                    ProcPss.bytes(List.of(pid)), ThreadCpu.byName(pid));
        }

        void report(Sample a, int cameras) {
            double s = (nanos - a.nanos) / 1e9;
            double cores = (cpuNanos - a.cpuNanos) / 1e9 / s;
            System.out.println("| cameras | CPU % of a core per camera (process) | GC % of a core | RSS MiB per camera"
                    + " | PSS MiB per camera | recorded units/s per camera | dropped units in the window |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.1f | %.3f | %.3f | %.2f | %d |%n", cameras,
                    100 * cores / cameras, 100 * (gcMillis - a.gcMillis) / 1000.0 / s, rss / 1048576.0 / cameras,
                    pss / 1048576.0 / cameras, (units - a.units) / s / cameras, dropped - a.dropped);
            System.out.println("threads, % of a core: " + ThreadCpu.coresBetween(a.threads, threads, s).entrySet()
                    .stream().limit(10).map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), 100 * e.getValue()))
                    .toList());
        }
    }

    /** The recorders' off-heap fragment memory and queued bytes, where the build has them. */
    private static String memory(RecordingService recording) {
        try {
            Object fragments = RecordingService.class.getMethod("fragmentMemory").invoke(recording);
            Object budget = RecordingService.class.getMethod("queueBudget").invoke(recording);
            return String.format(Locale.ROOT, "fragment memory %.0f MiB allocated, %.0f MiB in use; queued %.0f MiB",
                    (long) fragments.getClass().getMethod("allocatedBytes").invoke(fragments) / 1048576.0,
                    (long) fragments.getClass().getMethod("inUseBytes").invoke(fragments) / 1048576.0,
                    (long) budget.getClass().getMethod("used").invoke(budget) / 1048576.0);
        } catch (ReflectiveOperationException before) {
            return "fragments on the heap (a build before FragmentMemory)";
        }
    }

    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return 0;
    }

    private static Camera camera(CameraId id) {
        return Camera.from(new CameraConfig(id.value(), null, List.of("bench"), null, URI.create("rtsp://127.0.0.1/x"),
                null, Transport.TCP, true, true, false, true, null));
    }

    /**
     * The server's recording service for these cameras, wired as XueliangServer wires it. Found by reflection so that
     * the same harness runs against builds before the shared queue budget (a constructor with one argument less).
     */
    private static RecordingService service(StreamHubs hubs, RecordingIndex index, Path store, RecordingConfig config)
            throws Exception {
        for (Constructor<?> c : RecordingService.class.getConstructors()) {
            Object[] args = {hubs, index, RecordingLayout.under(store), Duration.ofSeconds(config.segmentSeconds()),
                    settings(config), InstantSource.system(), new RecordingGate(), writerThreads(config), null};
            if (c.getParameterCount() == 9) {
                Class<?> budget = c.getParameterTypes()[8];
                args[8] = budget.getConstructor(long.class).newInstance(
                        Runtime.getRuntime().maxMemory() / 100 * percent(config));
                return (RecordingService) c.newInstance(args);
            }
            if (c.getParameterCount() == 8) {
                return (RecordingService) c.newInstance(java.util.Arrays.copyOf(args, 8));
            }
        }
        throw new IllegalStateException("no RecordingService constructor this harness knows");
    }

    private static Fmp4WriterSettings settings(RecordingConfig config) throws Exception {
        Fmp4WriterSettings d = Fmp4WriterSettings.defaults();
        try {
            boolean direct = (boolean) RecordingConfig.class.getMethod("directIo").invoke(config);
            return (Fmp4WriterSettings) Fmp4WriterSettings.class.getMethod("withDirectIo", boolean.class)
                    .invoke(d, direct);
        } catch (NoSuchMethodException before) {
            return d;
        }
    }

    private static int writerThreads(RecordingConfig config) throws Exception {
        try {
            return (int) RecordingConfig.class.getMethod("writerThreads").invoke(config);
        } catch (NoSuchMethodException before) {
            return 2; // the server's RECORDING_THREADS then
        }
    }

    private static int percent(RecordingConfig config) throws Exception {
        return (int) RecordingConfig.class.getMethod("queueHeapPercent").invoke(config);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
