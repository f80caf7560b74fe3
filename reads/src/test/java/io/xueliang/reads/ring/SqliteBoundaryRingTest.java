package io.xueliang.reads.ring;

import static io.xueliang.media.PlateRead.Direction.APPROACHING;
import static io.xueliang.media.PlateRead.Direction.LEFT;
import static io.xueliang.media.PlateRead.Direction.RECEDING;
import static io.xueliang.media.PlateRead.Direction.RIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.TestReads;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A county with a ring of two checkpoints (north: approaching enters; east: leaving is RIGHT) and a township's ring
 * inside it, and vehicles whose stories are known: which entered, which left, which are still inside.
 */
class SqliteBoundaryRingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<String> COUNTY = List.of("湘潭县");
    private static final List<String> TOWN = List.of("湘潭县", "易俗河镇");

    @TempDir
    Path root;
    private SqliteReadStore store;
    private SqliteBoundaryRing ring;
    private final List<PlateRead> reads = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        ring = new SqliteBoundaryRing(store.database());
        ring.put(new BoundaryCheckpoint(new CameraId("north"), COUNTY, APPROACHING, RECEDING), "admin", T0).get();
        ring.put(new BoundaryCheckpoint(new CameraId("east"), COUNTY, LEFT, RIGHT), "admin", T0).get();
        ring.put(new BoundaryCheckpoint(new CameraId("town-gate"), TOWN, APPROACHING, RECEDING), "admin", T0).get();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void pass(String camera, int hour, String plate, PlateRead.Direction direction) {
        reads.add(TestReads.read(UUID.randomUUID(), camera, T0.plus(Duration.ofHours(hour)), plate, direction));
    }

    private void story() throws Exception {
        pass("north", 1, "湘A00001", APPROACHING);   // entered, stays
        pass("north", 2, "湘A00002", APPROACHING);   // entered ...
        pass("east", 5, "湘A00002", RIGHT);          // ... and left
        pass("east", 3, "湘A00003", RIGHT);          // left (entered before the look-back)
        pass("east", 4, "湘A00004", LEFT);           // entered, left, entered again
        pass("north", 6, "湘A00004", RECEDING);
        pass("east", 8, "湘A00004", LEFT);
        pass("inner", 2, "湘A00005", APPROACHING);   // not a checkpoint: never crossed
        pass("north", 7, "湘A00006", LEFT);          // a direction that is neither
        pass("town-gate", 3, "湘A00007", APPROACHING); // entered the township, not the county
        store.insert(reads).get();
    }

    @Test
    void answersWhoEnteredWhoLeftAndWhoIsStillInside() throws Exception {
        story();
        Instant end = T0.plus(Duration.ofDays(1));
        assertThat(ring.entered(COUNTY, T0, end, CameraSet.all(), 100)).extracting(Crossing::plate)
                .containsExactly("湘A00004", "湘A00004", "湘A00002", "湘A00001");
        assertThat(ring.left(COUNTY, T0, end, CameraSet.all(), 100)).extracting(Crossing::plate)
                .containsExactly("湘A00004", "湘A00002", "湘A00003");
        List<Crossing> inside = ring.stillInside(COUNTY, end, Duration.ofDays(30), 100);
        assertThat(inside).extracting(Crossing::plate).containsExactly("湘A00004", "湘A00001");
        assertThat(inside.getFirst().time()).as("since its last entry").isEqualTo(T0.plus(Duration.ofHours(8)));
        assertThat(inside).allSatisfy(c -> assertThat(c.entry()).isTrue());
        // as of hour 6, 湘A00004 had left: only 湘A00001 was inside
        assertThat(ring.stillInside(COUNTY, T0.plus(Duration.ofHours(7)), Duration.ofDays(30), 100))
                .extracting(Crossing::plate).containsExactly("湘A00001");
        assertThat(ring.stillInside(TOWN, end, Duration.ofDays(30), 100)).extracting(Crossing::plate)
                .containsExactly("湘A00007");
    }

    @Test
    void countsInAndOutPerCheckpointAndHour() throws Exception {
        story();
        List<HourCount> hours = ring.hourly(COUNTY, T0, T0.plus(Duration.ofDays(1)));
        assertThat(hours).contains(
                new HourCount(new CameraId("north"), T0.plus(Duration.ofHours(1)), 1, 0),
                new HourCount(new CameraId("east"), T0.plus(Duration.ofHours(5)), 0, 1),
                new HourCount(new CameraId("north"), T0.plus(Duration.ofHours(6)), 0, 1),
                new HourCount(new CameraId("north"), T0.plus(Duration.ofHours(7)), 0, 0));
        assertThat(hours.stream().mapToLong(HourCount::in).sum()).isEqualTo(4);
        assertThat(hours.stream().mapToLong(HourCount::out).sum()).isEqualTo(3);
    }

    @Test
    void aScopedAskerSeesCrossingsOnlyAtCheckpointsItMaySee() throws Exception {
        story();
        assertThat(ring.entered(COUNTY, T0, T0.plus(Duration.ofDays(1)),
                CameraSet.only(Set.of(new CameraId("north"))), 100)).extracting(Crossing::camera)
                .containsOnly(new CameraId("north")).hasSize(2);
        assertThat(ring.left(COUNTY, T0, T0.plus(Duration.ofDays(1)), CameraSet.only(Set.of()), 100)).isEmpty();
    }

    @Test
    void checkpointsAreMarkedChangedAndRemoved() throws Exception {
        assertThat(ring.checkpoints(COUNTY)).extracting(c -> c.camera().value()).containsExactly("east", "north");
        ring.put(new BoundaryCheckpoint(new CameraId("east"), COUNTY, RIGHT, LEFT), "admin", T0).get();
        assertThat(ring.checkpoints(COUNTY)).filteredOn(c -> c.camera().value().equals("east"))
                .singleElement().extracting(BoundaryCheckpoint::entering).isEqualTo(RIGHT);
        assertThat(ring.remove(new CameraId("east")).get()).isTrue();
        assertThat(ring.remove(new CameraId("east")).get()).isFalse();
        assertThat(ring.checkpoints(COUNTY)).extracting(c -> c.camera().value()).containsExactly("north");
    }

    @Test
    void refusesUnboundedAsks() {
        assertThatThrownBy(() -> ring.entered(COUNTY, T0, T0.plus(Duration.ofDays(32)), CameraSet.all(), 10))
                .hasMessageStartingWith("to: at most 31 days");
        assertThatThrownBy(() -> ring.left(COUNTY, T0, T0, CameraSet.all(), 10)).hasMessageStartingWith("to: must be after");
        assertThatThrownBy(() -> ring.stillInside(COUNTY, T0, Duration.ofDays(400), 10))
                .hasMessageStartingWith("lookback:");
        assertThatThrownBy(() -> ring.entered(COUNTY, T0, T0.plusSeconds(1), CameraSet.all(), 0))
                .hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> new BoundaryCheckpoint(new CameraId("x"), COUNTY, LEFT, LEFT))
                .hasMessageStartingWith("leaving:");
    }
}
