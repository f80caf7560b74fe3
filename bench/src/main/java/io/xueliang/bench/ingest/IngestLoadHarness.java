package io.xueliang.bench.ingest;

import io.xueliang.bench.proc.ProcReader;
import io.xueliang.bench.proc.ProcessSample;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the RTSP camera simulator in one process and the ingest server in another, for each
 * camera count asked, and measures the server's CPU and memory per camera from /proc while a
 * handful of {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f null -} processes pull some of the
 * same cameras side by side, so both are measured in the same run on the same machine.
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
    private String ingestJvm = "-Xms64m -Xmx768m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:CICompilerCount=2";
    private String simulatorJvm = "-Xmx1g -XX:+UseParallelGC";
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
                case "--ingest-jvm" -> h.ingestJvm = args[++i];
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
        Path config = work.resolve("xueliang.yaml");
        StringBuilder yaml = new StringBuilder();
        yaml.append("http: { port: ").append(httpPort).append(" }\n");
        yaml.append("storage: { root: ").append(work.resolve("data")).append(" }\n");
        yaml.append("cameraDefaults: { transport: ").append(transport).append(", record: false }\n");
        yaml.append("cameras:\n");
        for (int i = 1; i <= cameras; i++) {
            yaml.append("  - { id: cam").append(i).append(", source: \"rtsp://127.0.0.1:").append(simulatorPort)
                    .append("/cam").append(i).append("\" }\n");
        }
        Files.writeString(config, yaml);

        List<Process> processes = new ArrayList<>();
        try {
            Process simulator = java(simulatorJvm, work.resolve("simulator.log"), "simulate",
                    "--cameras", Integer.toString(cameras), "--port", Integer.toString(simulatorPort));
            processes.add(simulator);
            waitForPort(simulatorPort, 60);
            Process server = java(ingestJvm, work.resolve("server.log"), "run", "--config", config.toString());
            processes.add(server);
            waitForPort(httpPort, 60);
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (MetricsScrape.of(httpPort).up() < cameras) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all cameras playing after 180 s; see " + work);
                }
                Thread.sleep(1000);
            }
            Thread.sleep(warmupSeconds * 1000L);

            List<Process> ffmpegs = new ArrayList<>();
            int pulls = Math.min(ffmpegCount, cameras);
            for (int i = 1; i <= pulls; i++) {
                ffmpegs.add(new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp",
                        "-i", "rtsp://127.0.0.1:" + simulatorPort + "/cam" + i, "-c", "copy", "-f", "null", "-")
                        .redirectErrorStream(true).redirectOutput(work.resolve("ffmpeg" + i + ".log").toFile()).start());
            }
            processes.addAll(ffmpegs);
            Thread.sleep(10_000); // let ffmpeg get past its probing

            MetricsScrape m0 = MetricsScrape.of(httpPort);
            ProcessSample s0 = ProcReader.sample(List.of(server.pid()));
            ProcessSample sim0 = ProcReader.sample(List.of(simulator.pid()));
            ProcessSample f0 = ProcReader.sample(ffmpegs.stream().map(Process::pid).toList());
            Thread.sleep(measureSeconds * 1000L);
            MetricsScrape m1 = MetricsScrape.of(httpPort);
            ProcessSample s1 = ProcReader.sample(List.of(server.pid()));
            ProcessSample sim1 = ProcReader.sample(List.of(simulator.pid()));
            ProcessSample f1 = ProcReader.sample(ffmpegs.stream().map(Process::pid).toList());

            double serverPerCam = s1.coresSince(s0) / cameras;
            double ffmpegPerCam = pulls == 0 ? Double.NaN : f1.coresSince(f0) / pulls;
            double seconds = (s1.atNanos() - s0.atNanos()) / 1e9;
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.3f | %.0f | %.2f | %.0f | %.0f | %.1f | %d | %.3f | %.2f | %.1f |%n",
                    cameras, 100 * serverPerCam, s1.rssBytes() / 1048576.0 / cameras, s1.rssBytes() / 1048576.0,
                    (m1.frames() - m0.frames()) / seconds / cameras, m1.rtpLost() - m0.rtpLost(), m1.rtpLost(),
                    100 * sim1.coresSince(sim0), pulls, 100 * ffmpegPerCam,
                    pulls == 0 ? Double.NaN : f1.rssBytes() / 1048576.0 / pulls, ffmpegPerCam / serverPerCam);
            System.err.println("run of " + cameras + " cameras done at " + Instant.now() + "; logs in " + work);
        } finally {
            for (Process p : processes.reversed()) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static Process java(String jvmOptions, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(jvmOptions.trim().split("\\s+")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.xueliang.server.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitForPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listening on port " + port + " after " + seconds + " s");
    }
}
