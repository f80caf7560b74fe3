package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.PlateRead;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 through the whole server: simulated checkpoint cameras play the road clip, the server reads the plates, and
 * the API answers from what it stored: a search finds a drawn plate, its trajectory runs east then west, and a watch
 * list set before the vehicle passed raises an alert on the event stream.
 */
class ReadsChainServerTest {
    private static final String EAST = "43032100001210000001";
    private static final String WEST = "43032100001210000002";
    private static final String CASE = "caseReference=case-chain&purpose=test";

    @TempDir
    Path tmp;

    @Test
    void simulatedCheckpointsGiveReadsTheApiFindsATrajectoryInOrderAndAWatchListAlert() throws Exception {
        List<String> drawn = DemoCommand.drawnPlates();
        String watched = drawn.get(1);
        List<PlateRead> reads = new CopyOnWriteArrayList<>();
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                new SimulatorOptions(2, "127.0.0.1", 0, null, null, 1, 1)).start()) {
            XueliangConfig config = ConfigLoader.parse("""
                    http: { port: 0 }
                    storage: { root: %s }
                    plates: { workers: 1 }
                    cameraDefaults: { transport: tcp, record: false, plates: true }
                    cameras:
                      - { id: "%s", name: 东, region: [县], location: { lat: 27.780, lon: 112.950 }, source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: "%s", name: 西, region: [县], location: { lat: 27.781, lon: 112.951 }, source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(tmp.resolve("data"), EAST, sim.port(), WEST, sim.port()), "test", Map.of());
            try (XueliangServer server = XueliangServer.start(config, "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                api.expect(201, "POST", "/api/v1/watchlists", admin, new JsonObject().put("name", "chain")
                        .put("reason", "test").put("caseReference", "case-chain")
                        .put("expiresAt", Instant.now().plus(Duration.ofDays(1)).toString())
                        .put("plates", new JsonArray(List.of(watched))));
                Instant from = Instant.now().minusSeconds(60);
                server.plateReads().subscribe(PlateRead.TOPIC, "test", reads::add);
                try (EventStreamClient alerts = EventStreamClient.open(HttpClient.newHttpClient(), server.httpPort(),
                        admin, null)) {
                    Optional<EventStreamClient.Event> alert = Optional.empty();
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (alert.isEmpty() && System.nanoTime() < deadline) {
                        alert = alerts.next(Duration.ofSeconds(1));
                    }
                    assertThat(alert).as("an alert for %s within 120 s; reads: %s", watched, reads).isPresent();
                    JsonObject a = new JsonObject(alert.get().data());
                    assertThat(a.getString("plate")).isEqualTo(watched);
                    assertThat(a.getString("camera")).isIn(EAST, WEST);
                }
                // a vehicle read at both cameras, then stored
                String plate = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (plate == null && System.nanoTime() < deadline) {
                    plate = bothCameras(reads);
                    Thread.sleep(200);
                }
                assertThat(plate).as("a plate read at both cameras: %s", reads).isNotNull();
                Thread.sleep(1000); // the recorder's next batch
                String window = "from=" + from + "&to=" + Instant.now().plusSeconds(60);
                String enc = URLEncoder.encode(plate, StandardCharsets.UTF_8);

                JsonArray found = api.expect(200, "GET", "/api/v1/reads?plate=" + enc + "&" + window, admin, null)
                        .getJsonArray("items");
                assertThat(found.stream().map(o -> ((JsonObject) o).getString("camera")).distinct())
                        .containsExactlyInAnyOrder(EAST, WEST);
                String prefix = URLEncoder.encode(plate.substring(0, 3) + "*", StandardCharsets.UTF_8);
                assertThat(api.expect(200, "GET", "/api/v1/reads?plate=" + prefix + "&" + window + "&" + CASE, admin,
                        null).getJsonArray("items")).isNotEmpty();

                JsonArray sightings = api.expect(200, "GET", "/api/v1/plates/" + enc + "/trajectory?" + window + "&"
                        + CASE, admin, null).getJsonArray("sightings");
                List<String> cameras = sightings.stream().map(o -> ((JsonObject) o).getString("camera")).toList();
                int firstEast = cameras.indexOf(EAST);
                assertThat(firstEast).as("sightings %s", cameras).isNotNegative();
                assertThat(cameras.subList(firstEast, cameras.size())).as("east, then west 2 s later")
                        .contains(WEST);
                List<String> times = sightings.stream().map(o -> ((JsonObject) o).getString("time")).toList();
                assertThat(times).isSortedAccordingTo((x, y) -> Instant.parse(x).compareTo(Instant.parse(y)));
            }
        }
    }

    /** A plate read at the east camera and then at the west one, or null. */
    private static String bothCameras(List<PlateRead> reads) {
        for (PlateRead e : reads) {
            if (e.camera().value().equals(EAST) && reads.stream().anyMatch(w -> w.camera().value().equals(WEST)
                    && w.normalised().equals(e.normalised()) && w.time().isAfter(e.time()))) {
                return e.normalised();
            }
        }
        return null;
    }
}
