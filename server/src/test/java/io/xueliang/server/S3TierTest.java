package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.storage.blob.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 tier against a real S3 server (S3Proxy as a child process): finished segments move to the bucket, the
 * bucket goes away and recording carries on locally, it comes back and everything catches up, nothing lost; playback
 * and export read from the bucket.
 */
class S3TierTest {
    @TempDir
    Path tmp;

    @Test
    void segmentsMoveToTheBucketSurviveItsOutageAndPlayAndExportFromIt() throws Exception {
        assumeTrue(Ffprobe.available(), "ffprobe is not on the PATH");
        try (S3ProxyServer s3 = S3ProxyServer.startOrSkip(tmp.resolve("s3"));
             RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                     SimulatorOptions.loopback(1)).start()) {
            Path root = tmp.resolve("data");
            String yaml = """
                    http: { port: 0 }
                    storage:
                      root: %s
                      blob: s3
                      s3: { endpoint: "%s", bucket: recordings, accessKey: %s, secretKey: %s, prefix: county1 }
                    recording: { segmentSeconds: 2 }
                    cameras:
                      - { id: a1, source: "rtsp://127.0.0.1:%d/cam1" }
                    """.formatted(root, s3.endpoint(), S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                Instant t0 = Instant.now().minusSeconds(30);
                String list = "/api/v1/cameras/a1/recordings?from=" + t0 + "&to=" + t0.plusSeconds(3600);

                List<JsonObject> inBucket = await(api, admin, list, segs -> segs.stream()
                        .filter(s -> s.getString("location").equals("s3")).count() >= 2, "two segments in the bucket");
                assertThat(inBucket).isNotEmpty();

                s3.stop(); // the bucket goes away; recording goes on locally
                List<JsonObject> duringOutage = await(api, admin, list, segs -> segs.stream()
                        .filter(s -> s.getString("location").equals("local") && s.getString("state").equals("finished"))
                        .count() >= 3, "three finished segments kept locally during the outage");
                int finishedDuringOutage = (int) duringOutage.stream().filter(s -> s.getString("state").equals("finished"))
                        .count();

                s3.start(); // back: the uploader catches up
                List<JsonObject> after = await(api, admin, list, segs -> segs.stream()
                        .filter(s -> s.getString("state").equals("finished")).count() >= finishedDuringOutage
                        && segs.stream().filter(s -> s.getString("state").equals("finished"))
                                .allMatch(s -> s.getString("location").equals("s3")), "every finished segment uploaded");
                // Nothing lost: the segments follow each other with no gap, and their local copies are gone.
                assertThat(api.expect(200, "GET", list, admin, null).getJsonArray("gaps")).isEmpty();
                try (var files = Files.walk(root.resolve("recordings"))) {
                    assertThat(files.filter(f -> f.toString().endsWith(".mp4")).count()).as("only open segments stay")
                            .isLessThanOrEqualTo(1);
                }

                List<JsonObject> uploaded = after.stream().filter(s -> s.getString("location").equals("s3")).toList();
                Instant from = Instant.parse(uploaded.get(0).getString("start")).plusMillis(500);
                Instant to = Instant.parse(uploaded.get(2).getString("end")).minusMillis(500);
                String ticket = api.expect(201, "POST", "/api/v1/tickets", admin, new JsonObject()
                        .put("path", "/api/v1/cameras/a1/playback.mp4")).getString("ticket");
                HttpResponse<byte[]> playback = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/a1/playback.mp4?from=" + from + "&to="
                                + to + "&access_token=" + ticket)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(playback.statusCode()).isEqualTo(200);
                Path played = tmp.resolve("from-s3.mp4");
                Files.write(played, playback.body());
                assertThat(Ffprobe.probe(played).errors()).isEmpty();

                JsonObject job = api.expect(202, "POST", "/api/v1/exports", admin, new JsonObject()
                        .put("cameras", new JsonArray(List.of("a1"))).put("from", from.toString()).put("to", to.toString())
                        .put("caseReference", "case-s3").put("reason", "from the bucket"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonObject status = job;
                while (!status.getString("status").equals("done") && System.nanoTime() < deadline) {
                    assertThat(status.getString("status")).as(status.encode()).isNotEqualTo("failed");
                    Thread.sleep(200);
                    status = api.expect(200, "GET", "/api/v1/exports/" + job.getString("id"), admin, null);
                }
                assertThat(status.getString("status")).as(status.encode()).isEqualTo("done");
            }
        }
    }

    private static List<JsonObject> await(ApiClient api, String token, String path, Predicate<List<JsonObject>> done,
            String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<JsonObject> segments;
        do {
            segments = api.expect(200, "GET", path, token, null).getJsonArray("segments").stream()
                    .map(o -> (JsonObject) o).toList();
            if (done.test(segments)) {
                return segments;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("timed out waiting for " + what + ": " + segments);
    }

}
