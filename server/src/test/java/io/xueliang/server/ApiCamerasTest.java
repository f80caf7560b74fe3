package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.storage.audit.AuditVerification;
import io.xueliang.storage.audit.AuditVerifier;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.User;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera registry over HTTP: paging, filters, region scope, masked passwords, audit. */
class ApiCamerasTest {
    private static final String PASSWORD = "cam-Pa55-1";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private JsonObject get(int port, String path, String token, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("X-Purpose", "registry check").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
        assertThat(r.body()).doesNotContain(PASSWORD);
        return new JsonObject(r.body());
    }

    private String login(int port, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    @Test
    void listsCamerasWithinTheCallersRegionsAndAuditsEveryLook() throws Exception {
        Path root = tmp.resolve("data");
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(3).withCredentials("admin", PASSWORD)).start()) {
            String yaml = """
                    http: { port: 0 }
                    storage: { root: %s }
                    cameras:
                      - { id: a1, region: [湘潭县, 易俗河镇], source: "rtsp://admin:%s@127.0.0.1:%d/cam1" }
                      - { id: a2, region: [湘潭县, 易俗河镇], source: "rtsp://admin:%s@127.0.0.1:%d/cam2" }
                      - { id: b1, region: [湘潭县, 花石镇], source: "rtsp://admin:%s@127.0.0.1:%d/cam3", plates: true }
                    """.formatted(root, PASSWORD, sim.port(), PASSWORD, sim.port(), PASSWORD, sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                int port = server.httpPort();
                String admin = login(port, "admin", server.firstAdmin().orElseThrow().password());

                JsonObject all = get(port, "/api/v1/cameras", admin, 200);
                assertThat(ids(all)).containsExactly("a1", "a2", "b1");
                assertThat(all.getValue("next")).isNull();
                JsonObject a1 = all.getJsonArray("items").getJsonObject(0);
                assertThat(a1.getString("sourceRedacted")).isEqualTo("rtsp://admin:***@127.0.0.1:" + sim.port() + "/cam1");
                assertThat(a1.getString("origin")).isEqualTo("file");
                assertThat(a1.getJsonArray("region")).isEqualTo(new JsonArray(List.of("湘潭县", "易俗河镇")));

                JsonObject first = get(port, "/api/v1/cameras?limit=2", admin, 200);
                assertThat(ids(first)).containsExactly("a1", "a2");
                JsonObject second = get(port, "/api/v1/cameras?limit=2&cursor=" + first.getString("next"), admin, 200);
                assertThat(ids(second)).containsExactly("b1");
                String town = URLEncoder.encode("湘潭县/花石镇", StandardCharsets.UTF_8);
                assertThat(ids(get(port, "/api/v1/cameras?region=" + town, admin, 200))).containsExactly("b1");
                assertThat(ids(get(port, "/api/v1/cameras?role=plates", admin, 200))).containsExactly("b1");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ids(get(port, "/api/v1/cameras?status=playing", admin, 200)).size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(ids(get(port, "/api/v1/cameras?status=playing", admin, 200))).containsExactly("a1", "a2", "b1");
                assertThat(ids(get(port, "/api/v1/cameras?status=down", admin, 200))).isEmpty();

                server.users().create(User.of("viewer1", Set.of(Role.VIEWER), List.of(List.of("湘潭县", "易俗河镇")),
                        Instant.now()), "viewer-password-1").get(30, TimeUnit.SECONDS);
                String viewer = login(port, "viewer1", "viewer-password-1");
                assertThat(ids(get(port, "/api/v1/cameras", viewer, 200))).containsExactly("a1", "a2");
                // A wall's tree: every camera the viewer may see with its health, and no other camera's.
                JsonObject withStatus = get(port, "/api/v1/cameras?include=status", viewer, 200);
                assertThat(ids(withStatus)).containsExactly("a1", "a2");
                assertThat(withStatus.getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("status")))
                        .allSatisfy(st -> assertThat(st.getString("state")).isEqualTo("playing"));
                assertThat(get(port, "/api/v1/cameras", viewer, 200).getJsonArray("items").getJsonObject(0)
                        .containsKey("status")).as("health only when asked for").isFalse();
                JsonObject me = get(port, "/api/v1/auth/session", viewer, 200);
                assertThat(me.getString("username")).isEqualTo("viewer1");
                assertThat(me.getJsonArray("roles")).containsExactly("viewer");
                assertThat(me.getJsonArray("regions")).isEqualTo(new JsonArray().add(new JsonArray(List.of("湘潭县", "易俗河镇"))));
                assertThat(me.getString("kind")).isEqualTo("session");
                get(port, "/api/v1/cameras/b1", viewer, 404);
                get(port, "/api/v1/cameras/b1/status", viewer, 404);
                get(port, "/api/v1/cameras/nope", admin, 404);
                assertThat(get(port, "/api/v1/cameras/a1", viewer, 200).getString("id")).isEqualTo("a1");
                JsonObject status = get(port, "/api/v1/cameras/a1/status", viewer, 200);
                assertThat(status.getString("state")).isEqualTo("playing");
                assertThat(status.getLong("frames")).isPositive();

                server.users().create(User.of("auditor1", Set.of(Role.AUDITOR), List.of(), Instant.now()),
                        "auditor-password-1").get(30, TimeUnit.SECONDS);
                String auditor = login(port, "auditor1", "auditor-password-1");
                get(port, "/api/v1/audit", viewer, 403);
                JsonObject trail = get(port, "/api/v1/audit?actor=viewer1&limit=3", auditor, 200);
                List<JsonObject> records = trail.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
                assertThat(records).hasSize(3).allSatisfy(r -> {
                    assertThat(r.getString("actor")).isEqualTo("viewer1");
                    assertThat(r.getString("purpose")).isEqualTo("registry check");
                });
                assertThat(records.get(0).getString("action")).as("refusals are on the record too").isEqualTo("GET /api/v1/audit");
                assertThat(records.get(0).getInteger("status")).isEqualTo(403);
                assertThat(records.get(1).getString("action")).isEqualTo("GET /api/v1/cameras/{id}/status");
                assertThat(records.get(1).getJsonObject("parameters").getString("id")).isEqualTo("a1");
                assertThat(records.get(0).getLong("seq")).isGreaterThan(records.get(1).getLong("seq"));
                JsonObject older = get(port, "/api/v1/audit?actor=viewer1&cursor=" + trail.getString("next"), auditor, 200);
                assertThat(older.getJsonArray("items").stream().map(o -> ((JsonObject) o).getInteger("status")).toList())
                        .as("lookups outside one's regions are recorded").contains(404);
            }
        }
        AuditVerification audit = AuditVerifier.verify(root);
        assertThat(audit.ok()).isTrue();
        assertThat(audit.recordsChecked()).as("one record per look").isGreaterThanOrEqualTo(14);
    }

    private HttpResponse<String> send(int port, String method, String path, String token, JsonObject body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void camerasRegisteredOverHttpReachTheRunningIngestAndLeaveItWhenDeleted() throws Exception {
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(), SimulatorOptions.loopback(2)).start()) {
            String yaml = """
                    http: { port: 0 }
                    storage: { root: %s }
                    cameras:
                      - { id: fromfile, source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(tmp.resolve("data"), sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                int port = server.httpPort();
                String admin = login(port, "admin", server.firstAdmin().orElseThrow().password());
                JsonObject cam = new JsonObject().put("id", "new1").put("name", "河口渡口")
                        .put("region", new JsonArray(List.of("湘潭县", "河口镇")))
                        .put("source", "rtsp://user:" + PASSWORD + "@127.0.0.1:" + sim.port() + "/cam1");

                HttpResponse<String> created = send(port, "POST", "/api/v1/cameras", admin, cam);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(created.body()).doesNotContain(PASSWORD).contains("\"origin\":\"api\"");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!"playing".equals(get(port, "/api/v1/cameras/new1/status", admin, 200).getString("state"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(get(port, "/api/v1/cameras/new1/status", admin, 200).getString("state")).isEqualTo("playing");
                assertThat(send(port, "POST", "/api/v1/cameras", admin, cam).statusCode()).isEqualTo(409);

                HttpResponse<String> bad = send(port, "POST", "/api/v1/cameras", admin, cam.copy().put("id", "x2")
                        .put("location", new JsonObject().put("lat", 91).put("lon", 0)));
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("lat");

                HttpResponse<String> replaced = send(port, "PUT", "/api/v1/cameras/new1", admin, cam.copy().put("name", "河口渡口北"));
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
                assertThat(send(port, "PUT", "/api/v1/cameras/fromfile", admin, cam.copy().put("id", "fromfile")).statusCode())
                        .as("the file owns its cameras").isEqualTo(409);

                server.users().create(User.of("viewer2", Set.of(Role.VIEWER), List.of(), Instant.now()),
                        "viewer-password-2").get(30, TimeUnit.SECONDS);
                String viewer = login(port, "viewer2", "viewer-password-2");
                assertThat(send(port, "DELETE", "/api/v1/cameras/new1", viewer, null).statusCode()).isEqualTo(403);

                assertThat(sim.stats().sessions()).isEqualTo(2);
                assertThat(send(port, "DELETE", "/api/v1/cameras/new1", admin, null).statusCode()).isEqualTo(204);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (sim.stats().sessions() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(sim.stats().sessions()).as("its session torn down, the file camera untouched").isEqualTo(1);
                get(port, "/api/v1/cameras/new1", admin, 404);
            }
        }
    }
}
