package io.xueliang.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.CameraConfig;
import io.xueliang.config.Transport;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.FakeClock;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.StreamHubs;
import io.xueliang.storage.fmp4.Fmp4SegmentReader;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.RecordingClips;
import io.xueliang.storage.fmp4.ScannedSegment;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.SmallTmpfs;
import io.xueliang.sql.volume.SpaceReserve;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording onto a real file system that fills up (a small tmpfs): every camera stops cleanly, with its state and the
 * node's saying so, nothing it wrote is left unreadable or unindexed, the database keeps working on the space kept back
 * for it, and recording resumes by itself, after a gap whose reason is {@code disk-full}, once the volume has room.
 */
class RecordingDiskFullTest {
    private static final List<CameraId> CAMERAS = List.of(CameraId.of("cam1"), CameraId.of("cam2"));
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    private static Camera camera(CameraId id) {
        return Camera.from(new CameraConfig(id.value(), null, List.of("县"), null, URI.create("rtsp://10.0.0.1/x"),
                null, Transport.TCP, true, true, false, true, null));
    }

    /** Seconds {@code [from, to)} of every camera's video, as ingest would publish it; the clip is 4 s. */
    private static void publish(StreamHubs hubs, List<AccessUnit> clip, int from, int to) {
        for (int frame = from * RecordingClips.FPS; frame < to * RecordingClips.FPS; frame++) {
            AccessUnit u = clip.get(frame % clip.size());
            for (CameraId id : CAMERAS) {
                hubs.hub(id).publish(AccessUnit.copyOf(id, u.description(),
                        1_000_000L + (long) frame * RecordingClips.FRAME_TICKS,
                        T0.plusMillis(frame * 1000L / RecordingClips.FPS), u.isKeyframe(), u.copyPayload()));
            }
        }
    }

    private RecordingService service;

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; recorders: "
                        + (service == null ? "none" : service.stats()));
            }
            Thread.sleep(20);
        }
    }

    private static long handled(RecordingService recording) {
        return recording.stats().stream().mapToLong(s -> s.units() + s.droppedUnits()).sum();
    }

    @Test
    void aFullVolumeStopsEveryCameraCleanlyAndRecordingResumesWithADiskFullGapOnceThereIsRoom() throws Exception {
        List<AccessUnit> clip = RecordingClips.video(Codec.H264, 25);
        try (SmallTmpfs volume = SmallTmpfs.mount(tmp.resolve("volume"), "24m", "a full recording volume")) {
            Path root = volume.path();
            FakeClock clock = new FakeClock(T0);
            SpaceReserve reserve = new SpaceReserve(root, 2 << 20);
            try (EmbeddedDatabase database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock)) {
                reserve.hold();
                SqliteRecordingIndex index = new SqliteRecordingIndex(database);
                RecordingLayout layout = RecordingLayout.under(root);
                RecordingGate gate = new RecordingGate(DiskSpace.of(layout.directory()), 0, reserve, clock);
                StreamHubs hubs = new StreamHubs(4096);
                long published = 0;
                try (RecordingService recording = new RecordingService(hubs, index, layout, Duration.ofSeconds(4),
                        Fmp4WriterSettings.defaults().withDirectIo(true), clock, gate, 2, new QueueBudget(32 << 20))) {
                    service = recording;
                    CAMERAS.forEach(id -> recording.put(camera(id)));
                    publish(hubs, clip, 0, 6);
                    published += 6L * RecordingClips.FPS * CAMERAS.size();
                    long first = published;
                    await(() -> handled(recording) >= first, "the first 6 s handled");
                    assertThat(recording.stats()).extracting(RecorderStats::state).containsOnly("recording");

                    // Something else takes the rest of the volume; the next fragment of each camera finds it full.
                    Path filler = volume.fill("filler.bin", 0);
                    publish(hubs, clip, 6, 9);
                    published += 3L * RecordingClips.FPS * CAMERAS.size();
                    long second = published;
                    await(() -> handled(recording) >= second, "the next 3 s handled");
                    assertThat(gate.state()).isEqualTo(RecordingGate.State.DISK_FULL);
                    assertThat(recording.stats()).extracting(RecorderStats::state).containsOnly("disk-full");
                    assertThat(recording.stats()).extracting(RecorderStats::recording).containsOnly(false);
                    assertThat(reserve.held()).as("the reserve went to the database").isZero();
                    await(() -> index.openSegments().isEmpty() && recording.pendingIndexWrites() == 0,
                            "every cut segment indexed as finished");
                    everySegmentReadsAndMatchesItsRow(index, layout);

                    // Room again: not before the back-off, then the reserve first, then recording.
                    Files.delete(filler);
                    Thread.sleep(1500); // two probes by the ticker: the back-off has not passed
                    assertThat(gate.state()).isEqualTo(RecordingGate.State.DISK_FULL);
                    clock.advance(RecordingGate.FIRST_BACKOFF.plusSeconds(1));
                    await(() -> gate.state() == RecordingGate.State.OPEN, "the gate to open again");
                    assertThat(reserve.held()).isEqualTo(reserve.size());
                    publish(hubs, clip, 12, 16);
                    published += 4L * RecordingClips.FPS * CAMERAS.size();
                    long third = published;
                    await(() -> handled(recording) >= third, "the last 4 s handled");
                    assertThat(recording.stats()).extracting(RecorderStats::state).containsOnly("recording");
                }
                for (CameraId id : CAMERAS) {
                    List<RecordingGap> gaps = index.gaps(id, T0, T0.plusSeconds(60), 10);
                    assertThat(gaps).as("%s's gaps", id).singleElement().satisfies(g -> {
                        assertThat(g.reason()).isEqualTo(GapReason.DISK_FULL);
                        assertThat(g.end()).isEqualTo(T0.plusSeconds(12));
                        assertThat(g.start()).isBetween(T0.plusSeconds(5), T0.plusSeconds(9));
                    });
                    List<RecordedSegment> segments = index.segments(id, T0, T0.plusSeconds(60), 100);
                    assertThat(segments.getLast().start()).isEqualTo(T0.plusSeconds(12));
                    assertThat(segments.getLast().end()).isEqualTo(T0.plusSeconds(16));
                }
                assertThat(index.openSegments()).isEmpty();
                everySegmentReadsAndMatchesItsRow(index, layout);
                String integrity = database.read(c -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                });
                assertThat(integrity).isEqualTo("ok");
            }
        }
    }

    /** Every file under the recordings folder is a whole fMP4 that ffprobe plays, and its row says so. */
    private static void everySegmentReadsAndMatchesItsRow(SqliteRecordingIndex index, RecordingLayout layout)
            throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(layout.directory())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<RecordedSegment> rows = CAMERAS.stream()
                .flatMap(id -> index.segments(id, T0, T0.plusSeconds(3600), 100).stream()).toList();
        assertThat(files).as("one file per row, none without").hasSameSizeAs(rows);
        for (RecordedSegment row : rows) {
            Path file = layout.file(row.key());
            ScannedSegment scan = Fmp4SegmentReader.scan(file);
            assertThat(scan.isWhole()).as("%s: %s", row.key(), scan.problem()).isTrue();
            assertThat(row.state()).isEqualTo(SegmentState.FINISHED);
            assertThat(Files.size(file)).isEqualTo(row.bytes());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                    .isEqualTo(row.sha256());
            RecordingClips.Probe probe = RecordingClips.probe(file);
            assertThat(probe.errors()).as(row.key()).isEmpty();
            assertThat(probe.frames()).as(row.key()).isEqualTo(row.frames());
        }
    }
}
