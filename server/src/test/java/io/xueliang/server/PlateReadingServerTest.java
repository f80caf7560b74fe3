package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.PlateRead;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain of a checkpoint: simulated RTSP cameras playing the generated road clip, ingest, decoding, plate
 * reading and tracking in the server, reads on its event bus with their images in the store, counted in metrics.
 */
class PlateReadingServerTest {
    private static final String METRICS_TOKEN = "scraper-token-0123456789";
    private static final String EAST = "43032100001210000001";
    private static final String WEST = "43032100001210000002";

    @TempDir
    Path tmp;

    @Test
    void checkpointCamerasYieldReadsOfThePlatesTheSimulatorDrew() throws Exception {
        List<String> drawn = DemoCommand.drawnPlates();
        assertThat(drawn).hasSize(8);
        List<PlateRead> reads = new CopyOnWriteArrayList<>();
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                new SimulatorOptions(2, "127.0.0.1", 0, null, null, 1, 1)).start()) {
            XueliangConfig config = ConfigLoader.parse("""
                    http: { port: 0, metricsToken: %s }
                    storage: { root: %s }
                    plates: { workers: 1 }
                    cameraDefaults: { transport: tcp, record: false, plates: true }
                    cameras:
                      - { id: "%s", name: 东, source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: "%s", name: 西, source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(METRICS_TOKEN, tmp.resolve("data"), EAST, sim.port(), WEST, sim.port()), "test",
                    Map.of());
            try (XueliangServer server = XueliangServer.start(config, "127.0.0.1")) {
                server.plateReads().subscribe(PlateRead.TOPIC, "test", reads::add);
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline && !(distinct(reads, EAST) >= 3 && distinct(reads, WEST) >= 3)) {
                    Thread.sleep(500);
                }
                String metrics = get(server.httpPort(), "/metrics");
                assertThat(distinct(reads, EAST)).as("plates read at the east camera: " + reads).isGreaterThanOrEqualTo(3);
                assertThat(distinct(reads, WEST)).as("plates read at the west camera: " + reads).isGreaterThanOrEqualTo(3);
                assertThat(metric(metrics, "xueliang_plate_reads_total", EAST)).isPositive();
                assertThat(metric(metrics, "xueliang_plate_frames_analysed_total", WEST)).isPositive();
                assertThat(metric(metrics, "xueliang_plate_decode_errors_total", EAST)).isZero();
                // every read published is in the read store, as published
                List<PlateRead> published = List.copyOf(reads);
                long storedBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < storedBy
                        && published.stream().anyMatch(r -> server.readStore().get(r.id()).isEmpty())) {
                    Thread.sleep(100);
                }
                for (PlateRead r : published) {
                    assertThat(server.readStore().get(r.id())).as("read %s stored", r.text())
                            .hasValueSatisfying(stored -> {
                                // the store keeps time to the microsecond, character confidences to the thousandth
                                assertThat(stored.read()).usingRecursiveComparison()
                                        .ignoringFields("time", "charConfidences").isEqualTo(r);
                                assertThat(stored.read().time()).isEqualTo(r.time().truncatedTo(ChronoUnit.MICROS));
                                assertThat(stored.read().charConfidences()).hasSameSizeAs(r.charConfidences());
                            });
                }
                double stored = storedReads(get(server.httpPort(), "/metrics"));
                for (int i = 0; i < 50 && stored < published.size(); i++) {
                    Thread.sleep(100); // the counter follows the commit the reads were found by
                    stored = storedReads(get(server.httpPort(), "/metrics"));
                }
                assertThat(stored).isGreaterThanOrEqualTo(published.size());
            }
        }
        for (PlateRead r : reads) {
            assertThat(drawn).as("read %s is a plate the simulator drew", r.text()).contains(r.text());
            assertThat(r.cropImage()).isNotNull();
            Path crop = tmp.resolve("data").resolve("plates").resolve(r.cropImage());
            assertThat(crop).exists();
            byte[] jpeg = Files.readAllBytes(crop);
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            assertThat(tmp.resolve("data").resolve("plates").resolve(r.overviewImage())).exists();
        }
        // the same vehicle is read at the east camera before the west one, a GOP (2 s) later in the loop
        Map<String, PlateRead> east = new HashMap<>();
        reads.stream().filter(r -> r.camera().value().equals(EAST)).forEach(r -> east.putIfAbsent(r.text(), r));
        long inOrder = reads.stream().filter(r -> r.camera().value().equals(WEST))
                .filter(r -> east.containsKey(r.text()))
                .map(r -> Duration.between(east.get(r.text()).time(), r.time()).toMillis() % 16_000)
                .filter(ms -> Math.abs(ms - 2_000) < 400).count();
        assertThat(inOrder).as("vehicles seen at west 2 s after east: " + reads).isPositive();
    }

    private static int distinct(List<PlateRead> reads, String camera) {
        Set<String> texts = new HashSet<>();
        reads.stream().filter(r -> r.camera().value().equals(camera)).forEach(r -> texts.add(r.text()));
        return texts.size();
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double metric(String body, String name, String camera) {
        Matcher m = Pattern.compile("^" + name + "\\{camera=\"" + camera + "\"} (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double storedReads(String metrics) {
        Matcher m = Pattern.compile("(?m)^xueliang_reads_stored_total (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
