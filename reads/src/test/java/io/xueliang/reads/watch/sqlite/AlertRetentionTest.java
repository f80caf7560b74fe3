package io.xueliang.reads.watch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.RetentionRule;
import io.xueliang.media.CameraId;
import io.xueliang.media.RetentionPolicy;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.store.ReadRetention;
import io.xueliang.reads.watch.AlertQuery;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts go by their camera's read retention, through ReadRetention over the watch store's rows. */
class AlertRetentionTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path root;

    private static PlateAlert alert(String camera, Instant time) {
        return new PlateAlert(0, UUID.randomUUID(), "湘A12345", "湘A12345", new CameraId(camera), List.of("县"), time, 1,
                "list", "stolen", "case-1", "湘A12345", time, null, null, null);
    }

    @Test
    void alertsGoWithTheirCamerasReadRetentionExceptUnderAHold() {
        try (SqliteReadStore reads = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(),
                InstantSource.fixed(NOW))) {
            SqliteWatchStore store = new SqliteWatchStore(reads.database());
            Instant old = NOW.minus(Duration.ofDays(100));
            Instant held = NOW.minus(Duration.ofDays(95));
            Instant recent = NOW.minus(Duration.ofDays(10));
            long oldA = store.raise(alert("a1", old)).orElseThrow().id();
            long heldA = store.raise(alert("a1", held)).orElseThrow().id();
            long recentA = store.raise(alert("a1", recent)).orElseThrow().id();
            long oldB = store.raise(alert("b1", old)).orElseThrow().id();
            RetentionPolicy policy = new RetentionPolicy(90, List.of(new RetentionRule("b1", null, 365)),
                    c -> List.of());
            ReadRetention retention = new ReadRetention(store, "alert", policy, c -> c.value().equals("a1")
                    ? List.of(new HeldRange(c, held.minusSeconds(1), held.plusSeconds(1))) : List.of(),
                    InstantSource.fixed(NOW));

            assertThat(retention.sweep()).isEqualTo(1);
            assertThat(store.alerts(new AlertQuery(null, null, CameraSet.all(), null, 10, 0)))
                    .extracting(PlateAlert::id).containsExactlyInAnyOrder(heldA, recentA, oldB).doesNotContain(oldA);
            assertThat(retention.sweep()).isZero();
        }
    }
}
