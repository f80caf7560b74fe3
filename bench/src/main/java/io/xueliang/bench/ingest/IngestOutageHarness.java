package io.xueliang.bench.ingest;

import io.xueliang.config.IngestConfig;
import io.xueliang.config.Transport;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.IngestService;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHubs;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole network out and back (issue 10, item 19): N simulated cameras play, the network between
 * them and ingest goes away for a while ({@link RtspCameraSimulator#cutNetwork()}: no frame, no
 * answer, no FIN; connections still accepted and left unanswered), then comes back
 * ({@link RtspCameraSimulator#restoreNetwork()}: stale connections reset). Ingest and the simulator
 * run in this JVM; every 100 ms the harness reads how many cameras play and how many connection
 * attempts were made, and prints one line per run: attempts during the outage and the recovery, the
 * most attempts in any 1 s, the time until every camera was lost, and the time from the return until
 * every camera played again.
 *
 * <pre>
 * java -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' io.xueliang.bench.ingest.IngestOutageHarness \
 *     --cameras 500,1000 --outage 30 --cap 50
 * </pre>
 */
public final class IngestOutageHarness {
    private static final Duration SAMPLE = Duration.ofMillis(100);

    private final List<Integer> cameraCounts = new ArrayList<>(List.of(1000));
    private int outageSeconds = 30;
    private int cap = 50;

    /** One reading: when, how many cameras played, how many attempts so far. */
    private record Sample(long nanos, long up, long attempts) {
    }

    public static void main(String[] args) throws Exception {
        IngestOutageHarness h = new IngestOutageHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cameras" -> {
                    h.cameraCounts.clear();
                    for (String n : args[++i].split(",")) {
                        h.cameraCounts.add(Integer.parseInt(n.trim()));
                    }
                }
                case "--outage" -> h.outageSeconds = Integer.parseInt(args[++i]);
                case "--cap" -> h.cap = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("| cameras | outage s | cap /s | all lost after s | attempts (outage + recovery) | most attempts in any 1 s | all playing again after return s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : h.cameraCounts) {
            h.runOnce(n);
        }
    }

    private void runOnce(int cameras) throws Exception {
        IngestConfig config = ConfigLoader.parse("ingest: { connectAttemptsPerSecond: " + cap + " }", "harness", Map.of())
                .ingest();
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(cameras)).start();
                IngestService ingest = new IngestService(config, new StreamHubs(), InstantSource.system())) {
            for (int i = 1; i <= cameras; i++) {
                ingest.put(new Camera(CameraId.of("cam" + i), null, List.of(), null, URI.create(sim.url(i)), null,
                        Transport.TCP, false, true, false, true, null));
            }
            await(ingest, cameras, Duration.ofSeconds(300), "all playing at start");
            Thread.sleep(10_000);

            List<Sample> samples = new ArrayList<>();
            Sample before = sample(ingest);
            sim.cutNetwork();
            long cutAt = System.nanoTime();
            long allLostAt = -1;
            while (System.nanoTime() - cutAt < outageSeconds * 1_000_000_000L) {
                Sample s = sample(ingest);
                samples.add(s);
                if (allLostAt < 0 && s.up() == 0) {
                    allLostAt = s.nanos();
                }
                Thread.sleep(SAMPLE.toMillis());
            }
            sim.restoreNetwork();
            long restoredAt = System.nanoTime();
            Sample last;
            do {
                Thread.sleep(SAMPLE.toMillis());
                last = sample(ingest);
                samples.add(last);
                if (System.nanoTime() - restoredAt > 300_000_000_000L) {
                    throw new IllegalStateException("not all cameras played again within 300 s: " + last.up());
                }
            } while (last.up() < cameras);

            // Attempts between two readings at most 1 s apart: readings are late on a busy machine, so a fixed
            // number of them would span more than a second.
            long mostInASecond = 0;
            List<Sample> all = new ArrayList<>(List.of(before));
            all.addAll(samples);
            for (int i = 1, j = 0; i < all.size(); i++) {
                while (all.get(i).nanos() - all.get(j).nanos() > 1_000_000_000L) {
                    j++;
                }
                mostInASecond = Math.max(mostInASecond, all.get(i).attempts() - all.get(j).attempts());
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %d | %d | %.1f |%n", cameras, outageSeconds, cap,
                    allLostAt < 0 ? "not all" : String.format(Locale.ROOT, "%.1f", (allLostAt - cutAt) / 1e9),
                    last.attempts() - before.attempts(), mostInASecond, (last.nanos() - restoredAt) / 1e9);
        }
    }

    private static Sample sample(IngestService ingest) {
        long up = 0;
        long attempts = 0;
        for (CameraHealth h : ingest.health().cameraHealth()) {
            up += h.up() ? 1 : 0;
            attempts += h.reconnects();
        }
        return new Sample(System.nanoTime(), up, attempts);
    }

    private static void await(IngestService ingest, int cameras, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (sample(ingest).up() < cameras) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + ": " + sample(ingest).up() + " of " + cameras);
            }
            Thread.sleep(200);
        }
    }
}
