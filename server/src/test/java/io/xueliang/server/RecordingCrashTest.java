package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.CameraId;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.SegmentState;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while recording, then start again: every segment plays, the open one is cut back to its last complete
 * fragment (at most about a second lost), and the index matches the files.
 */
class RecordingCrashTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killDashNineLosesAtMostTheOpenFragmentAndTheIndexMatchesTheFiles() throws Exception {
        assumeTrue(Ffprobe.available(), "ffprobe is not on the PATH");
        Path root = tmp.resolve("data");
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(2)).start()) {
            Path yaml = tmp.resolve("x.yaml");
            Files.writeString(yaml, """
                    http: { port: %d }
                    storage: { root: %s }
                    recording: { segmentSeconds: 3 }
                    cameras:
                      - { id: cam1, source: "rtsp://127.0.0.1:%d/cam1" }
                      - { id: cam2, source: "rtsp://127.0.0.1:%d/cam2" }
                    """.formatted(freePort(), root, sim.port(), sim.port()));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", yaml.toString(),
                    "--http-host", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            Instant killedAt;
            try {
                awaitSegments(root, 2, Duration.ofSeconds(60));
                Thread.sleep(1500); // mid-segment, mid-fragment
                killedAt = Instant.now();
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no finish
                child.waitFor(10, TimeUnit.SECONDS);
            }
            List<RecordedSegment> openBefore;
            try (EmbeddedDatabase db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system())) {
                openBefore = new SqliteRecordingIndex(db).openSegments();
            }
            assertThat(openBefore).as("the kill left segments open").isNotEmpty();

            var config = ConfigLoader.load(yaml, Map.of());
            try (XueliangServer restarted = XueliangServer.start(config, "127.0.0.1")) {
                assertThat(restarted.repairReport().repaired()).isEqualTo(openBefore.size());
            }
            try (EmbeddedDatabase db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system())) {
                SqliteRecordingIndex index = new SqliteRecordingIndex(db);
                assertThat(index.openSegments()).isEmpty();
                RecordingLayout layout = RecordingLayout.under(root);
                for (String camera : List.of("cam1", "cam2")) {
                    List<RecordedSegment> segments = index.segments(CameraId.of(camera), Instant.EPOCH,
                            Instant.now().plusSeconds(60), 1000);
                    for (RecordedSegment s : segments) {
                        Path file = layout.file(s.key());
                        assertThat(s.state()).isEqualTo(SegmentState.FINISHED);
                        assertThat(Files.size(file)).as(s.key()).isEqualTo(s.bytes());
                        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(file)))).as(s.key()).isEqualTo(s.sha256());
                        Ffprobe.Result probe = Ffprobe.probe(file);
                        assertThat(probe.errors()).as(s.key()).isEmpty();
                        assertThat(probe.frames()).as(s.key()).isEqualTo(s.frames());
                    }
                    for (RecordedSegment killed : openBefore) {
                        if (killed.camera().value().equals(camera)) {
                            RecordedSegment repaired = index.segment(killed.id()).orElseThrow();
                            // The open fragment (at most 1 s) and the frames in flight are all that may be lost.
                            assertThat(Duration.between(repaired.end(), killedAt)).as(camera + " lost")
                                    .isLessThan(Duration.ofMillis(2500));
                        }
                    }
                }
            }
        }
    }

    /** Waits until the recordings directory holds {@code n} segment files per camera directory. */
    private static void awaitSegments(Path root, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Path dir = root.resolve("recordings");
            if (Files.isDirectory(dir)) {
                List<Long> counts = new ArrayList<>();
                try (var cams = Files.list(dir)) {
                    for (Path cam : cams.toList()) {
                        try (var files = Files.walk(cam)) {
                            counts.add(files.filter(f -> f.toString().endsWith(".mp4")).count());
                        }
                    }
                }
                if (counts.size() == 2 && counts.stream().allMatch(c -> c >= n)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + n + " segments per camera under " + root + " within " + timeout
                + "; child log: " + File.separator);
    }
}
