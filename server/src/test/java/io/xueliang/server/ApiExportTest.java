package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence export end to end: two recorded cameras exported over a range through the API, the package downloaded,
 * verified offline by {@code xueliang export verify}, and refused after one changed byte.
 */
class ApiExportTest {
    @TempDir
    Path tmp;

    @Test
    void exportsTwoCamerasAsASignedPackageThatVerifiesOfflineAndFailsAfterOneChangedByte() throws Exception {
        assumeTrue(Ffprobe.available(), "ffprobe is not on the PATH");
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(2)).start()) {
            String yaml = """
                    http: { port: 0 }
                    storage: { root: %s }
                    recording: { segmentSeconds: 2 }
                    exports: { perUserPerDay: 1 }
                    cameras:
                      - { id: a1, name: 东门, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: a2, name: 西门, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(tmp.resolve("data"), sim.port(), sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                // Wait for at least 5 s of finished recording on both cameras.
                Instant from = null;
                Instant to = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (to == null && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    Instant now = Instant.now();
                    String range = "?from=" + now.minusSeconds(120) + "&to=" + now;
                    List<JsonObject> a1 = finished(api.expect(200, "GET", "/api/v1/cameras/a1/recordings" + range, admin, null));
                    List<JsonObject> a2 = finished(api.expect(200, "GET", "/api/v1/cameras/a2/recordings" + range, admin, null));
                    if (a1.size() >= 3 && a2.size() >= 3) {
                        Instant start = Instant.parse(a1.getFirst().getString("start")).plusMillis(700);
                        Instant end = Instant.parse(a1.getLast().getString("end")).minusMillis(300);
                        if (Duration.between(start, end).toSeconds() >= 4) {
                            from = start;
                            to = end;
                        }
                    }
                }
                assertThat(to).as("5 s of finished recording").isNotNull();

                // Playback of the same range, as a browser's video element asks for it: a ticket in the URL, then a range.
                String ticket = api.expect(201, "POST", "/api/v1/tickets", admin, new JsonObject()
                        .put("path", "/api/v1/cameras/a1/playback.mp4")).getString("ticket");
                String playback = "http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/a1/playback.mp4?from="
                        + from + "&to=" + to + "&access_token=" + ticket;
                HttpClient client = HttpClient.newHttpClient();
                assertThat(client.send(HttpRequest.newBuilder(URI.create(playback.replace(ticket, admin))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as("the session token itself").isEqualTo(401);
                HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(URI.create(playback)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(whole.statusCode()).isEqualTo(200);
                assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
                assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
                Path played = tmp.resolve("playback.mp4");
                Files.write(played, whole.body());
                Ffprobe.Result playbackProbe = Ffprobe.probe(played);
                assertThat(playbackProbe.errors()).isEmpty();
                assertThat(playbackProbe.duration()).isGreaterThanOrEqualTo(Duration.between(from, to).toMillis() / 1000.0 - 0.05);
                HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(URI.create(playback))
                        .header("Range", "bytes=1000-4999").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-4999/" + whole.body().length);
                assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), 1000, 5000));
                assertThat(client.send(HttpRequest.newBuilder(URI.create(playback.replace("&access_token=" + ticket, "")))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

                JsonObject job = api.expect(202, "POST", "/api/v1/exports", admin, new JsonObject()
                        .put("cameras", new JsonArray(List.of("a1", "a2"))).put("from", from.toString())
                        .put("to", to.toString()).put("caseReference", "湘公刑 2026-1130").put("reason", "theft at the gate"));
                String id = job.getString("id");
                assertThat(id).matches("[0-9a-f]{32}");
                JsonObject done = job;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!done.getString("status").equals("done") && System.nanoTime() < deadline) {
                    assertThat(done.getString("status")).as(done.encode()).isNotEqualTo("failed");
                    Thread.sleep(200);
                    done = api.expect(200, "GET", "/api/v1/exports/" + id, admin, null);
                }
                assertThat(done.getString("status")).as(done.encode()).isEqualTo("done");
                assertThat(done.getDouble("progress")).isEqualTo(1.0);
                // exports.perUserPerDay: 1, so a second export the same day is refused, with when to try again.
                HttpResponse<String> second = api.send("POST", "/api/v1/exports", admin, new JsonObject()
                        .put("cameras", new JsonArray(List.of("a1"))).put("from", from.toString())
                        .put("to", to.toString()).put("caseReference", "湘公刑 2026-1130").put("reason", "again"));
                assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
                assertThat(second.body()).contains("at most 1 exports per user in 24 hours");
                assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow()))
                        .isBetween(86_000L, 86_401L);

                Path zip = tmp.resolve("evidence.zip");
                HttpResponse<Path> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.httpPort() + "/api/v1/exports/" + id + "/download"))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofFile(zip));
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.headers().firstValue("X-Content-SHA256")).contains(done.getString("sha256"));
                HttpResponse<String> pem = api.send("GET", "/api/v1/exports/key", admin, null, null);
                assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----");
                Path key = tmp.resolve("key.pem");
                Files.writeString(key, pem.body());

                try (ZipFile z = new ZipFile(zip.toFile())) {
                    assertThat(z.stream().map(ZipEntry::getName).toList())
                            .containsExactly("a1.mp4", "a2.mp4", "manifest.json", "manifest.sig", "signing-key.pub");
                    JsonObject manifest = new JsonObject(new String(z.getInputStream(z.getEntry("manifest.json")).readAllBytes(),
                            StandardCharsets.UTF_8));
                    assertThat(manifest.encode()).contains("湘公刑 2026-1130", "admin", "东门");
                    for (String mp4 : List.of("a1.mp4", "a2.mp4")) {
                        Path out = tmp.resolve(mp4);
                        Files.write(out, z.getInputStream(z.getEntry(mp4)).readAllBytes());
                        Ffprobe.Result probe = Ffprobe.probe(out);
                        assertThat(probe.errors()).as(mp4).isEmpty();
                        // Trimmed with an edit list: plays from the asked instant, within a frame (25 fps).
                        assertThat(probe.duration()).as(mp4).isCloseTo(Duration.between(from, to).toMillis() / 1000.0,
                                org.assertj.core.data.Offset.offset(0.045));
                    }
                }
                assertThat(ExportVerifier.verify(zip, key)).isZero();

                Path tampered = tmp.resolve("tampered.zip");
                Files.copy(zip, tampered);
                try (var ch = java.nio.channels.FileChannel.open(tampered, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                    ch.read(b, 5000);
                    b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
                    ch.write(b, 5000);
                }
                assertThat(ExportVerifier.verify(tampered, key)).isEqualTo(1);

                JsonObject trail = api.expect(200, "GET", "/api/v1/audit?limit=200", auditor(api, admin), null);
                assertThat(trail.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")).toList())
                        .contains("POST /api/v1/exports", "GET /api/v1/exports/{exportId}/download",
                                "GET /api/v1/cameras/{id}/playback.mp4");
            }
        }
    }

    private static List<JsonObject> finished(JsonObject listing) {
        return listing.getJsonArray("segments").stream().map(o -> (JsonObject) o)
                .filter(s -> s.getString("state").equals("finished")).toList();
    }

    private static String auditor(ApiClient api, String admin) throws Exception {
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "audit1")
                .put("password", "audit-password-1").put("roles", new JsonArray(List.of("auditor"))));
        return api.login("audit1", "audit-password-1");
    }
}
