package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xueliang.config.Location;
import io.xueliang.config.ReadsConfig;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.PlateSighting;
import io.xueliang.reads.trajectory.CameraPlace;
import io.xueliang.reads.trajectory.Trajectory;
import io.xueliang.reads.trajectory.TrajectoryBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The demo's simulated vehicles pass each checkpoint one stagger (2 s) after the one before: the trajectory the demo
 * invites its user to ask for must read as one vehicle driving down one road, not a cloned plate at every hop.
 */
class DemoCheckpointsTest {
    @Test
    void theDemoVehiclesTrajectoryIsOneCarAtARoadSpeed() {
        String[][] checkpoints = DemoCommand.CHECKPOINTS;
        Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
        Duration stagger = Duration.ofSeconds(2L * DemoCommand.STAGGER_GOPS);
        List<PlateSighting> sightings = new ArrayList<>();
        for (int i = 0; i < checkpoints.length; i++) {
            sightings.add(new PlateSighting(UUID.randomUUID(), new CameraId("cam" + i), t0.plus(stagger.multipliedBy(i)),
                    PlateRead.Direction.LEFT, "湘C·12345"));
        }
        TrajectoryBuilder builder = new TrajectoryBuilder(id -> {
            String[] c = checkpoints[Integer.parseInt(id.value().substring(3))];
            return Optional.of(new CameraPlace(c[0], List.of("湘潭县", c[1]),
                    new Location(Double.parseDouble(c[2]), Double.parseDouble(c[3]))));
        }, ReadsConfig.defaults().cloneSpeedKmh());

        Trajectory t = builder.build("湘C12345", sightings, false);

        assertThat(t.clonedJumps()).isZero();
        for (int i = 1; i < checkpoints.length; i++) {
            assertThat(t.sightings().get(i).metres()).isCloseTo(DemoCommand.CHECKPOINT_SPACING_METRES, within(0.5));
            assertThat(t.sightings().get(i).kmh()).isCloseTo(54, within(1.0));
        }
    }
}
