package io.xueliang.reads.trajectory;

import java.util.List;

/**
 * A plate's sightings, oldest first.
 *
 * @param plate     the normalised plate
 * @param sightings the sightings
 * @param truncated whether there were more than {@link TrajectoryBuilder#MAX_SIGHTINGS} in the window and the
 *        trajectory stops there (ask again from the last sighting's time)
 */
public record Trajectory(String plate, List<Sighting> sightings, boolean truncated) {
    public Trajectory {
        sightings = List.copyOf(sightings);
    }

    /** How many consecutive pairs are flagged as a cloned plate. */
    public long clonedJumps() {
        return sightings.stream().filter(Sighting::cloned).count();
    }
}
