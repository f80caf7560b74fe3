package io.xueliang.bench.ingest;

import io.xueliang.bench.proc.ProcReader;
import io.xueliang.bench.proc.ProcessSample;
import io.xueliang.bench.system.FfmpegProcesses;
import io.xueliang.bench.system.MetricsScrape;
import io.xueliang.bench.system.RunningSystem;
import io.xueliang.bench.system.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Runs the RTSP camera simulator in one process and the ingest server in another, for each
 * camera count asked, and measures the server's CPU and memory per camera from /proc while a
 * handful of {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f null -} processes pull some of the
 * same cameras side by side, so both are measured in the same run on the same machine. Recording is off.
 *
 * <pre>
 * java -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' io.xueliang.bench.ingest.IngestLoadHarness \
 *     --cameras 100,500,1000 --warmup 30 --seconds 60 --ffmpeg 20
 * </pre>
 */
public final class IngestLoadHarness {
    private final List<Integer> cameraCounts = new ArrayList<>(List.of(100, 500, 1000));
    private int warmupSeconds = 30;
    private int measureSeconds = 60;
    private int ffmpegCount = 20;
    private int simulatorPort = 18554;
    private int httpPort = 18080;
    private String ingestJvm = ServerSetup.SERVER_JVM;
    private String transport = "tcp";

    public static void main(String[] args) throws Exception {
        IngestLoadHarness h = new IngestLoadHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cameras" -> {
                    h.cameraCounts.clear();
                    for (String n : args[++i].split(",")) {
                        h.cameraCounts.add(Integer.parseInt(n.trim()));
                    }
                }
                case "--warmup" -> h.warmupSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> h.measureSeconds = Integer.parseInt(args[++i]);
                case "--ffmpeg" -> h.ffmpegCount = Integer.parseInt(args[++i]);
                case "--transport" -> h.transport = args[++i];
                case "--ingest-jvm" -> h.ingestJvm = ServerSetup.jvmOptions(args[++i], java.nio.file.Path.of(""));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("| cameras | server CPU % of a core per camera | server RSS MiB per camera | server RSS MiB | frames/s per camera | RTP lost in window | RTP lost since start | simulator CPU % of a core | ffmpeg pulls | ffmpeg CPU % per camera | ffmpeg RSS MiB per camera | ratio ffmpeg/xueliang CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : h.cameraCounts) {
            h.runOnce(n);
        }
    }

    private void runOnce(int cameras) throws Exception {
        Path work = Files.createTempDirectory("xueliang-bench-");
        ServerSetup setup = new ServerSetup(cameras, transport, false, 60, work.resolve("data"), null, simulatorPort,
                httpPort, ingestJvm, ServerSetup.SIMULATOR_JVM);
        try (RunningSystem system = RunningSystem.start(setup, work)) {
            system.awaitCamerasUp(Duration.ofSeconds(180));
            Thread.sleep(warmupSeconds * 1000L);
            int pulls = Math.min(ffmpegCount, cameras);
            List<String> urls = IntStream.rangeClosed(1, pulls).mapToObj(setup::cameraUrl).toList();
            try (FfmpegProcesses ffmpegs = FfmpegProcesses.start(urls, i -> List.of("-c", "copy", "-f", "null", "-"),
                    work)) {
                Thread.sleep(10_000); // let ffmpeg get past its probing
                long server = system.server().pid();
                long simulator = system.simulator().pid();

                MetricsScrape m0 = system.metrics();
                ProcessSample s0 = ProcReader.sample(List.of(server));
                ProcessSample sim0 = ProcReader.sample(List.of(simulator));
                ProcessSample f0 = ProcReader.sample(ffmpegs.pids());
                Thread.sleep(measureSeconds * 1000L);
                MetricsScrape m1 = system.metrics();
                ProcessSample s1 = ProcReader.sample(List.of(server));
                ProcessSample sim1 = ProcReader.sample(List.of(simulator));
                ProcessSample f1 = ProcReader.sample(ffmpegs.pids());

                double serverPerCam = s1.coresSince(s0) / cameras;
                double ffmpegPerCam = pulls == 0 ? Double.NaN : f1.coresSince(f0) / pulls;
                double seconds = (s1.atNanos() - s0.atNanos()) / 1e9;
                System.out.printf(Locale.ROOT, "| %d | %.4f | %.3f | %.0f | %.2f | %.0f | %.0f | %.1f | %d | %.3f | %.2f | %.1f |%n",
                        cameras, 100 * serverPerCam, s1.rssBytes() / 1048576.0 / cameras, s1.rssBytes() / 1048576.0,
                        (m1.frames() - m0.frames()) / seconds / cameras, m1.rtpLost() - m0.rtpLost(), m1.rtpLost(),
                        100 * sim1.coresSince(sim0), pulls, 100 * ffmpegPerCam,
                        pulls == 0 ? Double.NaN : f1.rssBytes() / 1048576.0 / pulls, ffmpegPerCam / serverPerCam);
            }
            System.err.println("run of " + cameras + " cameras done at " + Instant.now() + "; logs in " + work);
        }
    }
}
