package io.xueliang.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRecordingIndexTest {
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    static final CameraId CAM = CameraId.of("43032100001210000001");
    static final CameraId OTHER = CameraId.of("cam2");

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteRecordingIndex index;

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        index = new SqliteRecordingIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A finished 60 s segment of {@code camera} starting {@code minute} minutes after T0. */
    private long minute(CameraId camera, int minute) throws Exception {
        Instant start = T0.plusSeconds(60L * minute);
        long id = index.open(camera, start, "local", camera + "/" + minute + ".mp4", Codec.H264, 1280, 720).get();
        index.finish(id, start.plusSeconds(60), 1000 + minute, 1500, "ab".repeat(32)).get();
        return id;
    }

    @Test
    void anOpenSegmentShowsHowFarItWasWrittenAndFinishesWithItsHash() throws Exception {
        long id = index.open(CAM, T0, "local", "cam/a.mp4", Codec.H265, 1920, 1080).get();
        assertThat(index.openSegments()).extracting(RecordedSegment::id).containsExactly(id);
        index.progress(id, T0.plusMillis(2040), 4096, 51).get();
        RecordedSegment open = index.segment(id).orElseThrow();
        assertThat(open.state()).isEqualTo(SegmentState.OPEN);
        assertThat(open.end()).isEqualTo(T0.plusMillis(2040));
        assertThat(open.sha256()).isNull();

        index.finish(id, T0.plusSeconds(60), 9_000_000, 1500, "cd".repeat(32)).get();
        RecordedSegment done = index.segment(id).orElseThrow();
        assertThat(done).isEqualTo(new RecordedSegment(id, CAM, T0, T0.plusSeconds(60), SegmentState.FINISHED, "local",
                "cam/a.mp4", 9_000_000, 1500, "cd".repeat(32), Codec.H265, 1920, 1080));
        assertThat(index.openSegments()).isEmpty();
        index.progress(id, T0.plusSeconds(1), 1, 1).get(); // a late progress cannot reopen it
        assertThat(index.segment(id).orElseThrow().end()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void listsSegmentsAndGapsOverlappingARange() throws Exception {
        minute(CAM, 0);
        minute(CAM, 1);
        minute(CAM, 3);
        minute(OTHER, 2);
        index.gap(new RecordingGap(CAM, T0.plusSeconds(120), T0.plusSeconds(180), GapReason.DISCONNECTED)).get();

        assertThat(index.segments(CAM, T0.plusSeconds(90), T0.plusSeconds(200), 100))
                .extracting(s -> s.start()).containsExactly(T0.plusSeconds(60), T0.plusSeconds(180));
        assertThat(index.segments(CAM, T0.plusSeconds(120), T0.plusSeconds(180), 100)).isEmpty();
        assertThat(index.gaps(CAM, T0.plusSeconds(90), T0.plusSeconds(200), 100)).containsExactly(
                new RecordingGap(CAM, T0.plusSeconds(120), T0.plusSeconds(180), GapReason.DISCONNECTED));
        assertThat(index.segments(CAM, T0, T0.plusSeconds(3600), 2)).hasSize(2);
        assertThat(index.latest(CAM).orElseThrow().start()).isEqualTo(T0.plusSeconds(180));
        assertThat(index.cameras()).containsExactly(CAM, OTHER);
    }

    @Test
    void heldFootageIsNeverDeletableUntilReleased() throws Exception {
        long a = minute(CAM, 0);
        long b = minute(CAM, 1);
        long c = minute(OTHER, 0);
        EvidenceHold hold = index.hold(CAM, T0.plusSeconds(70), T0.plusSeconds(80), "湘公刑 2026-118", "robbery",
                "li.wei", T0).get();
        assertThat(index.deletable(null, null, null, 100)).extracting(RecordedSegment::id).containsExactly(a, c);
        assertThat(index.deletable(CAM, T0.plusSeconds(60), "local", 100)).extracting(RecordedSegment::id).containsExactly(a);
        assertThat(index.holds(CAM, true, 10)).containsExactly(hold);

        assertThat(index.release(hold.id(), "admin", T0.plusSeconds(5)).get()).isTrue();
        assertThat(index.release(hold.id(), "admin", T0.plusSeconds(6)).get()).isFalse();
        assertThat(index.deletable(null, null, null, 100)).extracting(RecordedSegment::id).containsExactly(a, c, b);
        assertThat(index.holds(CAM, true, 10)).isEmpty();
        EvidenceHold released = index.holdById(hold.id()).orElseThrow();
        assertThat(released.releasedBy()).isEqualTo("admin");
        assertThat(released.active()).isFalse();
    }

    @Test
    void deletingToKeepTheFloorLeavesAGapNamingWhy() throws Exception {
        long a = minute(CAM, 0);
        assertThat(index.delete(a, GapReason.DELETED).get()).isTrue();
        assertThat(index.delete(a, GapReason.DELETED).get()).isFalse();
        assertThat(index.gaps(CAM, T0, T0.plusSeconds(60), 10))
                .containsExactly(new RecordingGap(CAM, T0, T0.plusSeconds(60), GapReason.DELETED));
        long b = minute(CAM, 1);
        assertThat(index.delete(b, null).get()).isTrue();
        assertThat(index.gaps(CAM, T0.plusSeconds(60), T0.plusSeconds(120), 10)).isEmpty();
    }

    @Test
    void finishedLocalSegmentsAreFoundForUploadAndRelocated() throws Exception {
        long a = minute(CAM, 0);
        long b = minute(CAM, 1);
        index.open(CAM, T0.plusSeconds(120), "local", "cam/open.mp4", Codec.H264, 1280, 720).get();
        assertThat(index.finishedAt("local", 0, 10)).extracting(RecordedSegment::id).containsExactly(a, b);
        assertThat(index.relocate(a, "s3").get()).isTrue();
        assertThat(index.finishedAt("local", 0, 10)).extracting(RecordedSegment::id).containsExactly(b);
        assertThat(index.finishedAt("s3", 0, 10)).extracting(RecordedSegment::id).containsExactly(a);
        assertThat(index.finishedAt("local", b, 10)).isEmpty();
        assertThat(List.of(index.segment(a).orElseThrow().location())).containsExactly("s3");
    }
}
