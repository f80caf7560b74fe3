package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings of a running server over HTTP: segments, gaps after a camera restart, holds. */
class ApiRecordingsTest {
    @TempDir
    Path tmp;

    @Test
    void listsSegmentsAndTheGapOfACameraRestartAndHoldsFootage() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        SimulatorOptions options = new SimulatorOptions(2, "127.0.0.1", port, null, null, 1);
        RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(), options).start();
        try {
            String yaml = """
                    http: { port: 0 }
                    storage: { root: %s }
                    recording: { segmentSeconds: 2 }
                    cameras:
                      - { id: a1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: b1, region: [县, 镇2], source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(tmp.resolve("data"), sim.port(), sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "inv1")
                        .put("password", "investigator-pw-1").put("roles", new JsonArray(List.of("investigator")))
                        .put("regions", new JsonArray().add(new JsonArray(List.of("县", "镇1")))));
                api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "view1")
                        .put("password", "viewer-pw-123").put("roles", new JsonArray(List.of("viewer"))));
                String inv = api.login("inv1", "investigator-pw-1");
                String viewer = api.login("view1", "viewer-pw-123");
                Instant from = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
                String range = "?from=" + from + "&to=" + from.plusSeconds(3600);

                JsonObject listing = awaitFinished(api, inv, "/api/v1/cameras/a1/recordings" + range, 3);
                List<JsonObject> segments = listing.getJsonArray("segments").stream().map(o -> (JsonObject) o).toList();
                JsonObject first = segments.getFirst();
                assertThat(first.getString("codec")).isEqualTo("h264");
                assertThat(first.getString("location")).isEqualTo("local");
                assertThat(first.getString("sha256")).matches("[0-9a-f]{64}");
                assertThat(first.getLong("frames")).isPositive();
                for (int i = 1; i < segments.size(); i++) {
                    if (segments.get(i).getString("state").equals("finished")) {
                        // Rotation continues at the keyframe that ends the previous segment: no time lost between
                        // (the next file starts on the camera's clock, which may have drifted a little from media time).
                        Duration between = Duration.between(Instant.parse(segments.get(i - 1).getString("end")),
                                Instant.parse(segments.get(i).getString("start")));
                        assertThat(between.abs()).isLessThan(Duration.ofMillis(100));
                    }
                }
                assertThat(listing.getJsonArray("gaps")).isEmpty();
                api.expect(403, "GET", "/api/v1/cameras/a1/recordings" + range, viewer, null);
                api.expect(404, "GET", "/api/v1/cameras/b1/recordings" + range, inv, null);

                // The cameras restart (power cut at the pole): the recording shows a gap, then resumes by itself.
                sim.close();
                Thread.sleep(3000);
                sim = new RtspCameraSimulator(SimulatorSource.defaultClip(), options).start();
                JsonObject afterRestart = awaitGap(api, inv, "/api/v1/cameras/a1/recordings" + range);
                JsonObject gap = afterRestart.getJsonArray("gaps").getJsonObject(0);
                assertThat(gap.getString("reason")).isEqualTo("disconnected");
                assertThat(Instant.parse(gap.getString("end"))).isAfter(Instant.parse(gap.getString("start")));
                assertThat(Instant.parse(gap.getString("end")).getEpochSecond() - Instant.parse(gap.getString("start"))
                        .getEpochSecond()).as("the outage was 3 s plus reconnecting").isBetween(2L, 30L);

                JsonObject hold = api.expect(201, "POST", "/api/v1/holds", inv, new JsonObject().put("camera", "a1")
                        .put("from", first.getString("start")).put("to", first.getString("end"))
                        .put("caseReference", "湘公刑 2026-1130").put("reason", "theft at the east gate"));
                assertThat(hold.getBoolean("active")).isTrue();
                api.expect(404, "POST", "/api/v1/holds", inv, new JsonObject().put("camera", "b1")
                        .put("from", first.getString("start")).put("to", first.getString("end"))
                        .put("caseReference", "x"));
                assertThat(api.expect(200, "GET", "/api/v1/holds", inv, null).getJsonArray("items")).hasSize(1);
                api.expect(403, "DELETE", "/api/v1/holds/" + hold.getLong("id"), inv, null);
                api.expect(204, "DELETE", "/api/v1/holds/" + hold.getLong("id"), admin, null);
                assertThat(api.expect(200, "GET", "/api/v1/holds", inv, null).getJsonArray("items")).isEmpty();
                assertThat(api.expect(200, "GET", "/api/v1/holds?active=false", admin, null).getJsonArray("items")
                        .getJsonObject(0).getString("releasedBy")).isEqualTo("admin");
            }
        } finally {
            sim.close();
        }
    }

    private static JsonObject awaitFinished(ApiClient api, String token, String path, int finished) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject listing;
        do {
            listing = api.expect(200, "GET", path, token, null);
            long done = listing.getJsonArray("segments").stream()
                    .filter(o -> ((JsonObject) o).getString("state").equals("finished")).count();
            if (done >= finished) {
                return listing;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("fewer than " + finished + " finished segments: " + listing.encodePrettily());
    }

    private static JsonObject awaitGap(ApiClient api, String token, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject listing;
        do {
            listing = api.expect(200, "GET", path, token, null);
            JsonArray segments = listing.getJsonArray("segments");
            if (!listing.getJsonArray("gaps").isEmpty() && segments.size() > 0
                    && Instant.parse(segments.getJsonObject(segments.size() - 1).getString("start"))
                            .isAfter(Instant.parse(listing.getJsonArray("gaps").getJsonObject(0).getString("start")))) {
                return listing;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no gap followed by recording: " + listing.encodePrettily());
    }
}
