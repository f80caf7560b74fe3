package io.xueliang.reads.trajectory;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xueliang.config.Location;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlateSighting;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryBuilderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    /** Three checkpoints on a north-south line: 0.1° of latitude is 11.12 km. */
    private static final Map<String, CameraPlace> PLACES = Map.of(
            "north", new CameraPlace("北卡口", List.of("县", "镇1"), new Location(27.9, 112.9)),
            "middle", new CameraPlace("中卡口", List.of("县", "镇1"), new Location(27.8, 112.9)),
            "near", new CameraPlace("近卡口", List.of("县", "镇1"), new Location(27.805, 112.9)),
            "south", new CameraPlace("南卡口", List.of("县", "镇2"), new Location(27.0, 112.9)),
            "nowhere", new CameraPlace("无位置", List.of("县"), null));
    private static final CameraPlaces CAMERAS = id -> Optional.ofNullable(PLACES.get(id.value()));

    @TempDir
    Path root;

    @Test
    void sightingsInTimeOrderWithSpeedsAndAnImpossibleJumpFlagged() throws Exception {
        try (SqliteReadStore store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(),
                InstantSource.fixed(T0))) {
            // Inserted out of order: the trajectory is in time order whatever the store's.
            store.insert(List.of(
                    read("middle", T0.plus(Duration.ofMinutes(10)), "湘A12345"),
                    read("north", T0, "湘A12345"),
                    read("south", T0.plus(Duration.ofMinutes(20)), "湘A12345"), // 89 km in 10 min: 534 km/h
                    read("ghost", T0.plus(Duration.ofMinutes(30)), "湘A12345"),
                    read("north", T0.plus(Duration.ofMinutes(5)), "湘B00000"))).get();
            Trajectory t = new TrajectoryBuilder(CAMERAS, 250).trajectory(store, "湘A12345", T0,
                    T0.plus(Duration.ofHours(1)), CameraSet.all());

            assertThat(t.sightings()).extracting(s -> s.read().camera().value())
                    .containsExactly("north", "middle", "south", "ghost");
            Sighting first = t.sightings().get(0);
            assertThat(first.metres()).isNull();
            assertThat(first.place().name()).isEqualTo("北卡口");
            Sighting second = t.sightings().get(1);
            assertThat(second.metres()).isCloseTo(11_119.5, within(5.0));
            assertThat(second.kmh()).isCloseTo(66.7, within(0.1));
            assertThat(second.cloned()).isFalse();
            Sighting third = t.sightings().get(2);
            assertThat(third.kmh()).isCloseTo(533.7, within(0.5));
            assertThat(third.cloned()).isTrue();
            Sighting fourth = t.sightings().get(3);
            assertThat(fourth.place()).as("camera no longer registered").isNull();
            assertThat(fourth.kmh()).isNull();
            assertThat(t.clonedJumps()).isEqualTo(1);
            assertThat(t.truncated()).isFalse();

            Trajectory onlyNorth = new TrajectoryBuilder(CAMERAS, 250).trajectory(store, "湘A12345", T0,
                    T0.plus(Duration.ofHours(1)), CameraSet.only(Set.of(new CameraId("north"))));
            assertThat(onlyNorth.sightings()).hasSize(1);
        }
    }

    @Test
    void theThresholdIsTheConfiguredSpeed() {
        var reads = List.of(
                sighting(read("north", T0, "湘A1")),
                sighting(read("middle", T0.plus(Duration.ofMinutes(3)), "湘A1")));
        // 11.12 km in 3 minutes: 222 km/h
        assertThat(new TrajectoryBuilder(CAMERAS, 250).build("湘A1", reads, false).clonedJumps()).isZero();
        assertThat(new TrajectoryBuilder(CAMERAS, 200).build("湘A1", reads, false).clonedJumps()).isEqualTo(1);
    }

    @Test
    void neighboursSeeingOnePassAtOnceAreNoClone() {
        var reads = List.of(
                sighting(read("middle", T0, "湘A1")),
                sighting(read("near", T0, "湘A1")),
                sighting(read("nowhere", T0.plusSeconds(1), "湘A1")));
        Trajectory t = new TrajectoryBuilder(CAMERAS, 250).build("湘A1", reads, false);
        assertThat(t.sightings().get(1).metres()).isCloseTo(556, within(1.0));
        assertThat(t.sightings().get(1).kmh()).as("taken over one second").isCloseTo(2001, within(2.0));
        assertThat(t.clonedJumps()).as("under a kilometre apart").isZero();
        assertThat(t.sightings().get(2).metres()).as("no location").isNull();
    }

    @Test
    void greatCircleDistancesOfKnownArcs() {
        // A quarter of the equator, and one degree along a meridian: pi R / 2 and pi R / 180.
        assertThat(GreatCircle.metres(new Location(0, 0), new Location(0, 90))).isCloseTo(10_007_557, within(1.0));
        assertThat(GreatCircle.metres(new Location(27, 112.9), new Location(28, 112.9))).isCloseTo(111_195, within(1.0));
    }

    private static PlateSighting sighting(PlateRead r) {
        return new PlateSighting(r.id(), r.camera(), r.time(), r.direction(), r.text());
    }
}
