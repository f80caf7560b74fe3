package io.xueliang.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.RecordingConfig;
import io.xueliang.config.RetentionRule;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.FakeClock;
import io.xueliang.media.RetentionPolicy;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.SmallTmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweeperTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final CameraId TOWN = CameraId.of("town1");
    static final CameraId VILLAGE = CameraId.of("village1");
    static final CameraId VIP = CameraId.of("vip1");

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteRecordingIndex index;
    private final FakeClock clock = new FakeClock(T0);

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        index = new SqliteRecordingIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A finished one-hour segment of {@code camera} at {@code start} whose file holds {@code bytes} bytes. */
    private RecordedSegment segment(RecordingLayout layout, CameraId camera, Instant start, int bytes) throws Exception {
        String key = layout.key(camera, start, 0);
        Path file = layout.file(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        long id = index.open(camera, start, "local", key, Codec.H264, 1280, 720).get();
        index.finish(id, start.plus(Duration.ofHours(1)), bytes, 90_000, "00".repeat(32)).get();
        return index.segment(id).orElseThrow();
    }

    private static DiskSpace roomy() {
        return new DiskSpace() {
            @Override
            public long totalBytes() {
                return 1L << 40;
            }

            @Override
            public long usableBytes() {
                return 1L << 39;
            }
        };
    }

    @Test
    void deletesByAgePerCameraAndRegionButNeverHeldFootage() throws Exception {
        RecordingLayout layout = RecordingLayout.under(root);
        RecordingConfig config = new RecordingConfig(60, 30, 5, List.of(
                new RetentionRule(null, List.of("湘潭县", "易俗河镇"), 7),
                new RetentionRule(VIP.value(), List.of(), 90)));
        Map<CameraId, List<String>> regions = Map.of(TOWN, List.of("湘潭县", "易俗河镇", "中心街"),
                VILLAGE, List.of("湘潭县", "花石镇"), VIP, List.of("湘潭县", "易俗河镇"));
        RetentionPolicy policy = new RetentionPolicy(config.retentionDays(), config.retention(), c -> regions.getOrDefault(c, List.of()));
        assertThat(policy.retention(TOWN)).isEqualTo(Duration.ofDays(7));
        assertThat(policy.retention(VILLAGE)).isEqualTo(Duration.ofDays(30));
        assertThat(policy.retention(VIP)).isEqualTo(Duration.ofDays(90));

        for (CameraId c : List.of(TOWN, VILLAGE, VIP)) {
            for (int day = 0; day < 40; day += 5) {
                segment(layout, c, T0.plus(Duration.ofDays(day)), 10);
            }
        }
        RecordedSegment heldTown = index.segments(TOWN, T0.plus(Duration.ofDays(5)), T0.plus(Duration.ofDays(5)).plusSeconds(1), 1)
                .getFirst();
        index.hold(TOWN, heldTown.start().plusSeconds(60), heldTown.start().plusSeconds(120), "case-1", null, "li.wei", T0).get();

        clock.advance(Duration.ofDays(45));
        RecordingGate gate = new RecordingGate();
        RetentionSweeper sweeper = new RetentionSweeper(index, SegmentFiles.local(layout), policy, roomy(), 5, gate, clock);
        RetentionSweeper.Sweep sweep = sweeper.sweep();

        // Now is day 45: town keeps 7 days (days 40+, none left but day 35+1h? no: ends before day 38 go), village 30
        // days (from day 15), vip 90 days (all).
        assertThat(index.segments(TOWN, T0, clock.instant(), 100)).extracting(RecordedSegment::start)
                .containsExactly(heldTown.start());
        assertThat(index.segments(VILLAGE, T0, clock.instant(), 100)).extracting(RecordedSegment::start)
                .containsExactly(T0.plus(Duration.ofDays(15)), T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(25)),
                        T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(35)));
        assertThat(index.segments(VIP, T0, clock.instant(), 100)).hasSize(8);
        assertThat(sweep.deletedByAge()).isEqualTo(7 + 3);
        assertThat(Files.exists(layout.file(heldTown.key()))).isTrue();
        assertThat(Files.exists(layout.file(layout.key(TOWN, T0, 0)))).isFalse();
        assertThat(index.gaps(TOWN, T0, clock.instant(), 10)).as("age deletions are not gaps").isEmpty();
        assertThat(gate.paused()).isFalse();
    }

    @Test
    void keepsTheFreeSpaceFloorOnASmallFileSystemOldestFirstHoldsKeptAndPausesWhenNothingIsLeft() throws Exception {
        SmallTmpfs tmpfs = SmallTmpfs.mount(root.resolve("small"), "8m", "the free-space floor");
        Path mount = tmpfs.path();
        try {
            RecordingLayout layout = RecordingLayout.under(mount);
            DiskSpace disk = DiskSpace.of(layout.directory());
            List<RecordedSegment> all = new java.util.ArrayList<>();
            for (int hour = 0; hour < 7; hour++) {
                all.add(segment(layout, hour % 2 == 0 ? TOWN : VILLAGE, T0.plus(Duration.ofHours(hour)), 1 << 20));
            }
            assertThat(disk.freePercent()).isLessThan(20);
            index.hold(TOWN, T0.plusSeconds(10), T0.plusSeconds(20), "case-7", null, "li.wei", T0).get();

            RecordingGate gate = new RecordingGate(disk, 50, null, clock);
            RetentionPolicy policy = new RetentionPolicy(RecordingConfig.defaults().retentionDays(), List.of(), c -> List.of());
            RetentionSweeper sweeper = new RetentionSweeper(index, SegmentFiles.local(layout), policy, disk, 50, gate, clock);
            RetentionSweeper.Sweep sweep = sweeper.sweep();

            // Oldest first, skipping the held first hour, until half the 8 MiB is free: hours 1 to 3 go.
            assertThat(sweep.deletedForSpace()).isEqualTo(3);
            assertThat(disk.freePercent()).isGreaterThanOrEqualTo(50);
            assertThat(gate.paused()).isFalse();
            assertThat(index.deletable(null, null, null, 100)).extracting(RecordedSegment::start)
                    .containsExactly(T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(5)), T0.plus(Duration.ofHours(6)));
            assertThat(Files.exists(layout.file(all.getFirst().key()))).as("held").isTrue();
            assertThat(index.gaps(VILLAGE, T0, T0.plus(Duration.ofHours(7)), 10)).extracting(RecordingGap::reason)
                    .containsOnly(GapReason.DELETED).hasSize(2);

            // Fill the volume with something retention may not touch: it deletes what it may, then pauses.
            Files.write(mount.resolve("other.bin"), new byte[(int) (disk.usableBytes() - (256 << 10))]);
            RetentionSweeper.Sweep full = sweeper.sweep();
            assertThat(full.deletedForSpace()).isEqualTo(3);
            assertThat(full.paused()).isTrue();
            assertThat(Files.exists(layout.file(all.getFirst().key()))).as("held, even when paused").isTrue();

            Files.delete(mount.resolve("other.bin"));
            assertThat(sweeper.sweep().paused()).as("resumes once space is back").isFalse();
            assertThat(gate.pauses()).isEqualTo(1);
        } finally {
            tmpfs.close();
        }
    }

}
