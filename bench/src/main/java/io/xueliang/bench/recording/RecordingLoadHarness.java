package io.xueliang.bench.recording;

import io.xueliang.bench.system.FfmpegProcesses;
import io.xueliang.bench.system.RunningSystem;
import io.xueliang.bench.system.ServerSetup;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What recording adds to ingest: for each camera count N, the server pulling N simulated cameras with recording off
 * ({@code cameraDefaults.record: false}) and then on (fMP4 segments of {@code --segment-seconds} under a storage root
 * on a real disk), each while K {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time S
 * -reset_timestamps 1 out%03d.mp4} processes record cameras 1..K of the same simulator: the reference, measured side
 * by side on the same machine in the same run. Measured over the window from /proc (CPU, RSS, {@code write_bytes} of
 * each process; the machine's busy CPUs, device writes and dirty pages), the growth of the recordings folders, and
 * the server's /metrics (frames, recorded and dropped units, RTP loss). Each run's recordings are deleted after it
 * unless {@code --keep-recordings} (its logs stay), so 1,000 cameras at 2 Mbit/s (250 MB/s) do not fill the disk.
 *
 * <pre>
 * java -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' io.xueliang.bench.recording.RecordingLoadHarness \
 *     --cameras 500,1000 --repeat 2 --warmup 20 --seconds 60 --ffmpeg 20 --clip target/road-720p-h264-2mbps.ts
 * </pre>
 */
public final class RecordingLoadHarness {
    private final List<Integer> cameraCounts = new ArrayList<>(List.of(500, 1000));
    private final List<Boolean> modes = new ArrayList<>(List.of(false, true));
    private int repeat = 1;
    private int warmupSeconds = 20;
    private int measureSeconds = 60;
    private int ffmpegCount = 20;
    private int segmentSeconds = 60;
    private int simulatorPort = 19554;
    private int httpPort = 19080;
    private String serverJvm = ServerSetup.SERVER_JVM;
    private Path clip;
    private Path workRoot = Path.of("target", "recbench");
    private boolean keep;
    /** Before each run, wait (up to {@link #quietWaitSeconds}) for the machine's 1-minute load average to fall below. */
    private double quietLoad = Double.NaN;
    private int quietWaitSeconds = 900;

    public static void main(String[] args) throws Exception {
        RecordingLoadHarness h = new RecordingLoadHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cameras" -> {
                    h.cameraCounts.clear();
                    for (String n : args[++i].split(",")) {
                        h.cameraCounts.add(Integer.parseInt(n.trim()));
                    }
                }
                case "--recording" -> {
                    h.modes.clear();
                    for (String m : args[++i].split(",")) {
                        h.modes.add(switch (m.trim()) {
                            case "on" -> true;
                            case "off" -> false;
                            default -> throw new IllegalArgumentException("--recording takes off, on or off,on");
                        });
                    }
                }
                case "--repeat" -> h.repeat = Integer.parseInt(args[++i]);
                case "--warmup" -> h.warmupSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> h.measureSeconds = Integer.parseInt(args[++i]);
                case "--ffmpeg" -> h.ffmpegCount = Integer.parseInt(args[++i]);
                case "--segment-seconds" -> h.segmentSeconds = Integer.parseInt(args[++i]);
                case "--clip" -> h.clip = Path.of(args[++i]);
                case "--work" -> h.workRoot = Path.of(args[++i]);
                case "--server-jvm" -> h.serverJvm = ServerSetup.jvmOptions(args[++i], Path.of(""));
                case "--ports" -> {
                    String[] p = args[++i].split(",");
                    h.simulatorPort = Integer.parseInt(p[0].trim());
                    h.httpPort = Integer.parseInt(p[1].trim());
                }
                case "--keep-recordings" -> h.keep = true;
                case "--quiet-load" -> h.quietLoad = Double.parseDouble(args[++i]);
                case "--quiet-wait" -> h.quietWaitSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        h.run();
    }

    private void run() throws Exception {
        Files.createDirectories(workRoot);
        FileStore store = Files.getFileStore(workRoot);
        if (store.type().equals("tmpfs")) {
            throw new IllegalStateException(workRoot.toAbsolutePath() + " is on tmpfs: recordings must go to a disk");
        }
        String device = store.name().startsWith("/dev/") ? store.name().substring(5) : store.name();
        System.out.printf(Locale.ROOT, "work folder %s on %s (%s), %.1f GiB free; clip %s; server JVM: %s%n",
                workRoot.toAbsolutePath(), store.name(), store.type(), store.getUsableSpace() / 1073741824.0,
                clip == null ? "built-in" : clip, serverJvm.isBlank() ? "the JVM's defaults" : serverJvm);
        List<RecordingMeasurement> results = new ArrayList<>();
        System.out.println(RecordingMeasurement.HEADER);
        System.out.println(RecordingMeasurement.RULE);
        for (int n : cameraCounts) {
            for (int r = 0; r < repeat; r++) {
                for (boolean record : modes) {
                    awaitQuiet();
                    RecordingMeasurement m = runOnce(n, record, device, store);
                    results.add(m);
                    System.out.println(m.row());
                    System.err.println("  server threads, % of a core: " + m.threads(12));
                }
            }
        }
        summarise(results);
    }

    private RecordingMeasurement runOnce(int cameras, boolean record, String device, FileStore store)
            throws Exception {
        long needed = (long) (cameras * 2.2e6 / 8 * (warmupSeconds + measureSeconds + 60));
        if (record && store.getUsableSpace() < needed + (4L << 30)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%d cameras need about %.1f GiB for this run; %.1f GiB free", cameras, needed / 1073741824.0,
                    store.getUsableSpace() / 1073741824.0));
        }
        Path work = Files.createTempDirectory(workRoot.toAbsolutePath(), "run-" + cameras + (record ? "-on-" : "-off-"));
        Path storage = work.resolve("data");
        Path ffmpegOut = work.resolve("ffmpeg");
        ServerSetup setup = new ServerSetup(cameras, "tcp", record, segmentSeconds, storage, clip, simulatorPort,
                httpPort, serverJvm, ServerSetup.SIMULATOR_JVM);
        System.err.printf(Locale.ROOT, "%s: %d cameras, recording %s, in %s; load average %s%n", Instant.now(), cameras,
                record ? "on" : "off", work, Files.readString(Path.of("/proc/loadavg")).strip());
        try (RunningSystem system = RunningSystem.start(setup, work)) {
            system.awaitCamerasUp(Duration.ofSeconds(240));
            Thread.sleep(warmupSeconds * 1000L);
            int k = Math.min(ffmpegCount, cameras);
            List<String> urls = IntStream.rangeClosed(1, k).mapToObj(setup::cameraUrl).toList();
            try (FfmpegProcesses ffmpegs = FfmpegProcesses.start(urls, i -> segmentOutput(ffmpegOut, i), work)) {
                Thread.sleep(10_000); // let ffmpeg get past its probing
                Path recordings = storage.resolve("recordings");
                Snapshot a = Snapshot.take(system, recordings, ffmpegs.pids(), ffmpegOut, device);
                Thread.sleep(measureSeconds * 1000L);
                Snapshot b = Snapshot.take(system, recordings, ffmpegs.pids(), ffmpegOut, device);
                return RecordingMeasurement.between(cameras, record, a, b, k, ffmpegs.exited());
            }
        } finally {
            System.err.printf(Locale.ROOT, "%s: done; load average %s%n", Instant.now(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            if (!keep) {
                deleteTree(storage);
                deleteTree(ffmpegOut);
            }
        }
    }

    /** Other tenants of a small machine skew a run: wait for their load to pass, if asked to. */
    private void awaitQuiet() throws Exception {
        if (Double.isNaN(quietLoad)) {
            return;
        }
        long deadline = System.nanoTime() + quietWaitSeconds * 1_000_000_000L;
        double load;
        while ((load = loadAverage()) >= quietLoad && System.nanoTime() < deadline) {
            Thread.sleep(5000);
        }
        if (load >= quietLoad) {
            System.err.printf(Locale.ROOT, "load average still %.2f after %d s; running anyway%n", load,
                    quietWaitSeconds);
        }
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** ffmpeg's segment muxer, as an operator would record a camera with it: MP4 files of S seconds. */
    private List<String> segmentOutput(Path out, int index) throws IOException {
        Path dir = Files.createDirectories(out.resolve("cam" + (index + 1)));
        return List.of("-c", "copy", "-f", "segment", "-segment_time", Integer.toString(segmentSeconds),
                "-reset_timestamps", "1", dir.resolve("out%03d.mp4").toString());
    }

    /** Mean over repeats of recording on minus off, per camera count. */
    private static void summarise(List<RecordingMeasurement> results) {
        System.out.println();
        System.out.println("| cameras | runs off / on | server CPU % per camera off → on (recording adds) | server RSS MiB"
                + " per camera off → on | server writes per camera, KB/s (on) | ffmpeg segment CPU % per camera"
                + " | ffmpeg RSS (PSS) MiB per camera | ffmpeg ÷ xueliang (ingest + record) CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        results.stream().map(RecordingMeasurement::cameras).distinct().forEach(n -> {
            List<RecordingMeasurement> off = results.stream().filter(m -> m.cameras() == n && !m.record()).toList();
            List<RecordingMeasurement> on = results.stream().filter(m -> m.cameras() == n && m.record()).toList();
            List<RecordingMeasurement> all = results.stream().filter(m -> m.cameras() == n).toList();
            double cpuOff = mean(off, RecordingMeasurement::serverCoresPerCamera);
            double cpuOn = mean(on, RecordingMeasurement::serverCoresPerCamera);
            double ffCpu = mean(all, RecordingMeasurement::ffmpegCores);
            System.out.printf(Locale.ROOT,
                    "| %d | %d / %d | %.4f → %.4f (+%.4f) | %.3f → %.3f | %.0f | %.3f | %.1f (%.1f) | %.1f |%n",
                    n, off.size(), on.size(), 100 * cpuOff, 100 * cpuOn, 100 * (cpuOn - cpuOff),
                    mean(off, RecordingMeasurement::serverRssPerCamera) / 1048576.0,
                    mean(on, RecordingMeasurement::serverRssPerCamera) / 1048576.0,
                    mean(on, m -> m.serverWriteBps() / m.cameras()) / 1e3, 100 * ffCpu,
                    mean(all, m -> (double) m.ffmpegRss()) / 1048576.0,
                    mean(all, m -> (double) m.ffmpegPss()) / 1048576.0, ffCpu / cpuOn);
        });
    }

    private static double mean(List<RecordingMeasurement> ms, java.util.function.ToDoubleFunction<RecordingMeasurement> f) {
        return ms.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
