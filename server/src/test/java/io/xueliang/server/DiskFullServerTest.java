package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.CameraId;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.storage.fmp4.Fmp4SegmentReader;
import io.xueliang.storage.fmp4.ScannedSegment;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.SegmentState;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.SmallTmpfs;
import io.xueliang.sql.volume.SpaceReserve;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server recording two cameras onto a small tmpfs that something else fills: recording stops cleanly with the
 * node's and every camera's state saying so and /readyz down, the API keeps answering (audited reads, logins and
 * holds work on the space kept back for the database; an export, which needs the disk, gets 503 problem+json), every
 * file reads, and when the space comes back recording resumes by itself after a disk-full gap.
 */
class DiskFullServerTest {
    private static final String METRICS_TOKEN = "disk-full-test-metrics-token-0123";

    @TempDir
    Path tmp;

    @Test
    void aFullVolumeStopsRecordingKeepsTheApiAnsweringAndRecordingResumesWhenSpaceReturns() throws Exception {
        assumeTrue(Ffprobe.available(), "ffprobe is not on the PATH");
        try (SmallTmpfs volume = SmallTmpfs.mount(tmp.resolve("volume"), "64m", "a server's full storage volume");
             RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                     SimulatorOptions.loopback(2)).start()) {
            Path root = volume.path().resolve("data");
            String yaml = """
                    http: { port: 0, metricsToken: %s }
                    storage: { root: %s, reserveMiB: 4 }
                    recording: { segmentSeconds: 3, minFreePercent: 0 }
                    cameras:
                      - { id: a1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: a2, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(METRICS_TOKEN, root, sim.port(), sim.port());
            Instant started = Instant.now().minusSeconds(5);
            String range = "?from=" + started + "&to=" + started.plusSeconds(3600);
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()),
                    "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                assertThat(Files.size(root.resolve(SpaceReserve.FILE_NAME))).isEqualTo(4 << 20);
                await(() -> finished(api, admin, "a1", range) >= 1 && finished(api, admin, "a2", range) >= 1,
                        "a finished segment of each camera");
                assertThat(api.send("GET", "/readyz", admin, null, null).statusCode()).isEqualTo(200);

                Path filler = volume.fill("filler.bin", 0);
                await(() -> metric(api, "xueliang_recording_disk_full") == 1, "recording to stop");
                await(() -> metric(api, "xueliang_recording_state{camera=\"a1\",state=\"disk-full\"}") == 1
                        && metric(api, "xueliang_recording_state{camera=\"a2\",state=\"disk-full\"}") == 1
                        && metric(api, "xueliang_recording_active{camera=\"a1\"}") == 0
                        && metric(api, "xueliang_recording_active{camera=\"a2\"}") == 0, "both cameras stopped");
                HttpResponse<String> ready = api.send("GET", "/readyz", admin, null, null);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("disk")).isEqualTo("down");
                assertThat(Files.exists(root.resolve(SpaceReserve.FILE_NAME))).as("reserve released").isFalse();

                // The API answers: audited reads, a login, a hold; an export, which writes files, is refused.
                api.expect(200, "GET", "/api/v1/cameras", admin, null);
                JsonObject listing = api.expect(200, "GET", "/api/v1/cameras/a1/recordings" + range, admin, null);
                JsonObject first = listing.getJsonArray("segments").getJsonObject(0);
                String again = api.login("admin", server.firstAdmin().orElseThrow().password());
                api.expect(201, "POST", "/api/v1/holds", again, new JsonObject().put("camera", "a1")
                        .put("from", first.getString("start")).put("to", first.getString("end"))
                        .put("caseReference", "湘公刑 2026-1201").put("reason", "held while the disk was full"));
                HttpResponse<String> export = api.send("POST", "/api/v1/exports", admin, new JsonObject()
                        .put("cameras", new JsonArray(List.of("a1"))).put("from", first.getString("start"))
                        .put("to", first.getString("end")).put("caseReference", "湘公刑 2026-1201")
                        .put("reason", "evidence"));
                assertThat(export.statusCode()).as(export.body()).isEqualTo(503);
                assertThat(export.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(export.headers().firstValue("Retry-After")).isPresent();
                assertThat(new JsonObject(export.body()).getString("detail")).contains("storage volume is full");
                everyFileReads(root);

                Files.delete(filler);
                await(() -> metric(api, "xueliang_recording_disk_full") == 0
                        && metric(api, "xueliang_recording_state{camera=\"a1\",state=\"recording\"}") == 1,
                        "recording to resume");
                await(() -> gapReasons(api, admin, "a1", range).contains("disk-full")
                        && gapReasons(api, admin, "a2", range).contains("disk-full"), "a disk-full gap per camera");
                assertThat(api.send("GET", "/readyz", admin, null, null).statusCode()).isEqualTo(200);
                assertThat(Files.size(root.resolve(SpaceReserve.FILE_NAME))).as("reserve back").isEqualTo(4 << 20);
            }
            everyFileReads(root);
            try (EmbeddedDatabase db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(),
                    InstantSource.system())) {
                SqliteRecordingIndex index = new SqliteRecordingIndex(db);
                assertThat(index.openSegments()).isEmpty();
                for (String camera : List.of("a1", "a2")) {
                    for (RecordedSegment s : index.segments(CameraId.of(camera), started, started.plusSeconds(3600),
                            1000)) {
                        assertThat(s.state()).isEqualTo(SegmentState.FINISHED);
                        assertThat(Files.size(RecordingLayout.under(root).file(s.key()))).isEqualTo(s.bytes());
                    }
                }
                assertThat(new SqliteAuditLog(db).verify().ok()).as("the audit chain").isTrue();
            }
        }
    }

    /** Every segment file is a whole fMP4 that ffprobe decodes without an error. */
    private static void everyFileReads(Path root) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RecordingLayout.under(root).directory())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            ScannedSegment scan = Fmp4SegmentReader.scan(f);
            if (!scan.isWhole()) {
                continue; // a segment being written now: checked once the server has stopped
            }
            assertThat(scan.fragments()).as(f.toString()).isNotEmpty();
            Ffprobe.Result probe = Ffprobe.probe(f);
            assertThat(probe.errors()).as(f.toString()).isEmpty();
            assertThat(probe.frames()).as(f.toString()).isPositive();
        }
    }

    private static long finished(ApiClient api, String token, String camera, String range) {
        try {
            return api.expect(200, "GET", "/api/v1/cameras/" + camera + "/recordings" + range, token, null)
                    .getJsonArray("segments").stream()
                    .filter(o -> ((JsonObject) o).getString("state").equals("finished")).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> gapReasons(ApiClient api, String token, String camera, String range) {
        try {
            return api.expect(200, "GET", "/api/v1/cameras/" + camera + "/recordings" + range, token, null)
                    .getJsonArray("gaps").stream().map(o -> ((JsonObject) o).getString("reason")).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of one series on /metrics, or -1 when it is not there. */
    private static double metric(ApiClient api, String series) {
        try {
            String body = api.send("GET", "/metrics", METRICS_TOKEN, null, null).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
            return -1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
