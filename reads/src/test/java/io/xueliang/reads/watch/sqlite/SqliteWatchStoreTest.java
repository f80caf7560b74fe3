package io.xueliang.reads.watch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.watch.AlertQuery;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.Watchlist;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWatchStoreTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path root;
    private SqliteReadStore reads;
    private SqliteWatchStore store;

    @BeforeEach
    void open() {
        reads = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        store = new SqliteWatchStore(reads.database());
    }

    @AfterEach
    void close() {
        reads.close();
    }

    static Watchlist list(String name, List<List<String>> regions, String... entries) {
        return new Watchlist(0, name, "stolen", "case-1", new Watchlist.Owner("inv", "u-1", regions),
                T0.plusSeconds(3600), T0, T0, "inv", List.of(entries).stream().map(PlatePattern::exact).toList());
    }

    static PlateAlert alert(UUID read, long list, String camera, Instant time) {
        return new PlateAlert(0, read, "湘A·12345", "湘A12345", new CameraId(camera), List.of("县", "镇1"), time, list,
                "list", "stolen", "case-1", "湘A12345", time.plusMillis(5), null, null, null);
    }

    @Test
    void keepsAListWithItsOwnerScopeAndEntriesInOrderAndReplacesThemWhole() {
        Watchlist made = store.create(list("stolen cars", List.of(List.of("县", "镇/1;x")), "湘B22222", "湘A12345"));
        assertThat(made.id()).isPositive();
        Watchlist got = store.get(made.id()).orElseThrow();
        assertThat(got).isEqualTo(made);
        assertThat(got.owner().regions()).containsExactly(List.of("县", "镇/1;x"));
        assertThat(got.entries()).extracting(PlatePattern::normalised).containsExactly("湘B22222", "湘A12345");

        Watchlist changed = new Watchlist(made.id(), "renamed", "wanted", "case-2", made.owner(), T0.plusSeconds(60),
                made.createdAt(), T0.plusSeconds(1), "boss", List.of(new PlatePattern("湘F1*", false)));
        assertThat(store.replace(changed)).contains(changed);
        assertThat(store.get(made.id())).contains(changed);
        assertThat(store.replace(new Watchlist(999, "x", "x", "x", made.owner(), T0, T0, T0, "x", List.of())))
                .isEmpty();
        assertThat(store.all()).containsExactly(changed);
        assertThat(store.delete(made.id())).isTrue();
        assertThat(store.delete(made.id())).isFalse();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aReadRaisesOneAlertPerListHoweverOftenItIsDelivered() {
        UUID read = UUID.randomUUID();
        PlateAlert first = store.raise(alert(read, 1, "a1", T0)).orElseThrow();
        assertThat(first.id()).isPositive();
        assertThat(store.raise(alert(read, 1, "a1", T0))).as("delivered again").isEmpty();
        assertThat(store.raise(alert(read, 2, "a1", T0))).as("another list").isPresent();
        assertThat(store.alert(first.id())).contains(first);
    }

    @Test
    void alertsPageNewestFirstWithinTheCamerasAndAcknowledgeOnce() {
        for (int i = 0; i < 5; i++) {
            store.raise(alert(UUID.randomUUID(), 1, i % 2 == 0 ? "a1" : "b1", T0.plusSeconds(i)));
        }
        CameraSet onlyA = CameraSet.only(Set.of(new CameraId("a1")));
        List<PlateAlert> page = store.alerts(new AlertQuery(null, null, onlyA, null, 2, 0));
        assertThat(page).extracting(a -> a.time()).containsExactly(T0.plusSeconds(4), T0.plusSeconds(2));
        List<PlateAlert> next = store.alerts(new AlertQuery(null, null, onlyA, null, 2, page.getLast().id()));
        assertThat(next).extracting(a -> a.time()).containsExactly(T0);
        assertThat(store.alerts(new AlertQuery(null, null, CameraSet.only(Set.of()), null, 10, 0))).isEmpty();
        assertThat(store.alerts(new AlertQuery(T0.plusSeconds(1), T0.plusSeconds(3), CameraSet.all(), null, 10, 0)))
                .extracting(a -> a.time()).containsExactly(T0.plusSeconds(2), T0.plusSeconds(1));

        long id = page.getFirst().id();
        PlateAlert acked = store.acknowledge(id, "op", T0.plusSeconds(30), "stopped at 易俗河").orElseThrow();
        assertThat(acked.acknowledgedBy()).isEqualTo("op");
        assertThat(acked.acknowledgedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(acked.note()).isEqualTo("stopped at 易俗河");
        assertThat(store.acknowledge(id, "other", T0.plusSeconds(40), null)).as("acknowledged once").isEmpty();
        assertThat(store.acknowledge(9999, "op", T0, null)).isEmpty();
        assertThat(store.alerts(new AlertQuery(null, null, CameraSet.all(), true, 10, 0))).extracting(PlateAlert::id)
                .containsExactly(id);
        assertThat(store.alerts(new AlertQuery(null, null, CameraSet.all(), false, 10, 0))).hasSize(4);

        assertThat(store.alertsAfter(page.getLast().id(), onlyA, 10)).extracting(PlateAlert::id)
                .containsExactly(id);
    }
}
