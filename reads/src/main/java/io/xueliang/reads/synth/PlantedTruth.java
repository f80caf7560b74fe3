package io.xueliang.reads.synth;

import io.xueliang.media.CameraId;
import io.xueliang.reads.analysis.AreaWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a generated history holds on purpose: each analysis must find these, and none of one kind among another's.
 * Background traffic is realistic, not empty: a through vehicle is a first-time visitor too.
 *
 * @param convoy       a target and the vehicles that travel with it
 * @param firstVisits  plates first seen in the history's last days, and plates that came back then
 * @param nightMovers  plates that move almost only between 00:00 and 05:00 local
 * @param collision    plates present at every one of a few (area, window) pairs
 * @param frequent     plates passing one camera many times a day
 * @param clonedPlates plates read at two far cameras minutes apart (two vehicles, one plate)
 * @param stillInside  plates that entered the county at a boundary checkpoint and never left, with when they entered
 */
public record PlantedTruth(Convoy convoy, FirstVisits firstVisits, Set<String> nightMovers, Collision collision,
        Frequent frequent, Set<String> clonedPlates, Map<String, Instant> stillInside) {

    /**
     * @param target      the vehicle followed
     * @param companions  vehicles within {@code gap} of it at {@code minCameras} or more distinct cameras
     * @param decoy       a vehicle with it at {@code minCameras - 1} cameras only
     * @param gap         the largest time apart the companions pass a camera from the target
     * @param minCameras  distinct cameras shared
     */
    public record Convoy(String target, Set<String> companions, String decoy, Duration gap, int minCameras) {
    }

    /**
     * @param plates    seen in {@code [from, to)} and never before
     * @param returning seen in {@code [from, to)} and also before
     */
    public record FirstVisits(Set<String> plates, Set<String> returning, Instant from, Instant to) {
    }

    /**
     * @param pairs  where and when
     * @param plates present at every pair
     * @param decoy  present at all but the last
     */
    public record Collision(List<AreaWindow> pairs, Set<String> plates, String decoy) {
    }

    /**
     * @param camera    the camera passed
     * @param plates    passing it more than {@code minPasses} times over the history
     * @param minPasses a threshold no other vehicle of the history reaches at that camera
     */
    public record Frequent(CameraId camera, Set<String> plates, int minPasses) {
    }

    /** Every planted plate, of every kind. */
    public Set<String> all() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        all.add(convoy.target);
        all.addAll(convoy.companions);
        all.add(convoy.decoy);
        all.addAll(firstVisits.plates);
        all.addAll(firstVisits.returning);
        all.addAll(nightMovers);
        all.addAll(collision.plates);
        all.add(collision.decoy);
        all.addAll(frequent.plates);
        all.addAll(clonedPlates);
        all.addAll(stillInside.keySet());
        return all;
    }
}
