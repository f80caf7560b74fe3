package io.xueliang.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.RetentionRule;
import io.xueliang.media.CameraId;
import io.xueliang.media.FakeClock;
import io.xueliang.media.RetentionPolicy;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.storage.blob.BlobImageStore;
import io.xueliang.storage.blob.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlateImageRetentionTest {
    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    static final CameraId EAST = CameraId.of("east");
    static final CameraId LONG = CameraId.of("long-kept");

    @TempDir
    Path dir;
    private EmbeddedDatabase database;
    private SqliteRecordingIndex index;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(dir, EmbeddedDatabaseSettings.defaults(), clock);
        index = new SqliteRecordingIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void deletesWholeDaysPastTheCamerasRetentionExceptHeldOnes() throws Exception {
        Path root = dir.resolve("plates");
        BlobImageStore images = new BlobImageStore(new LocalBlobStore(root), dir.resolve("spool"));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        // retention 30 days back to 2026-10-31T10:00: 10-29 and 10-30 are all older, 10-31 only partly
        for (String day : List.of("2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01")) {
            images.store(EAST, Instant.parse(day + "T12:00:00Z"), "r-plate", jpeg);
            images.store(LONG, Instant.parse(day + "T12:00:00Z"), "r-plate", jpeg);
        }
        index.hold(EAST, Instant.parse("2026-10-29T23:00:00Z"), Instant.parse("2026-10-29T23:30:00Z"), "case-9", null,
                "li.wei", NOW).get();
        RetentionPolicy policy = new RetentionPolicy(30, List.of(new RetentionRule("long-kept", null, 90)), c -> List.of());

        int deleted = new PlateImageRetention(root, policy, index, clock).sweep();

        assertThat(deleted).isEqualTo(1);
        assertThat(root.resolve("east/2026-10-29")).as("held").isDirectory();
        assertThat(root.resolve("east/2026-10-30")).doesNotExist();
        assertThat(root.resolve("east/2026-10-31")).as("partly within retention").exists();
        assertThat(root.resolve("east/2026-11-01")).isDirectory();
        try (var kept = Files.list(root.resolve("long-kept"))) {
            assertThat(kept).hasSize(4);
        }
        clock.advance(Duration.ofDays(1));
        assertThat(new PlateImageRetention(root, policy, index, clock).sweep()).isEqualTo(1);
        assertThat(root.resolve("east/2026-10-31")).doesNotExist();
    }
}
