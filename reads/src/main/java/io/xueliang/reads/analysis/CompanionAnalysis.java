package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.Pass;
import io.xueliang.reads.store.PlateSighting;
import io.xueliang.reads.store.ReadStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Companion vehicles (同行车辆): those seen within Δt of a target at k or more distinct cameras. One query per
 * sighting of the target, each a short range of one camera's time index, so the cost follows the target's sightings,
 * not the store's size.
 */
public final class CompanionAnalysis {
    private final ReadStore store;
    private final AnalysisLimits limits;

    public CompanionAnalysis(ReadStore store, AnalysisLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * @param target     the normalised plate followed
     * @param from       first instant, inclusive
     * @param to         last instant, exclusive
     * @param gap        Δt: how far apart in time a companion passes the same camera, 1 s to {@code maxGap}
     * @param minCameras k: distinct cameras shared, 2-100
     * @param scope      the cameras the caller may see
     */
    public record Request(String target, Instant from, Instant to, Duration gap, int minCameras, CameraSet scope) {
    }

    /**
     * @param plate   the companion
     * @param cameras distinct cameras where it was within Δt of the target
     * @param passes  its passes within Δt of a target sighting
     * @param first   the first of them
     * @param last    the last
     */
    public record Companion(String plate, int cameras, int passes, Instant first, Instant last) {
    }

    public Findings<Companion> run(Request q, Progress progress) {
        if (q.target() == null || q.target().isEmpty()) {
            throw new IllegalArgumentException("target: required");
        }
        AnalysisLimits.window(q.from(), q.to(), limits.maxWindow());
        if (q.gap() == null || q.gap().compareTo(Duration.ofSeconds(1)) < 0 || q.gap().compareTo(limits.maxGap()) > 0) {
            throw new IllegalArgumentException("gap: must be 1 s to " + limits.maxGap().toMinutes() + " min, got "
                    + q.gap());
        }
        AnalysisLimits.range("minCameras", q.minCameras(), 2, 100);
        List<PlateSighting> sightings = store.sightings(q.target(), q.from(), q.to(), q.scope(),
                limits.maxTargetSightings() + 1);
        if (sightings.size() > limits.maxTargetSightings()) {
            throw new IllegalArgumentException("to: the target has more than " + limits.maxTargetSightings()
                    + " sightings between from and to; narrow the window");
        }
        Map<String, Tally> tallies = new HashMap<>();
        for (int i = 0; i < sightings.size(); i++) {
            progress.check();
            PlateSighting s = sightings.get(i);
            store.passes(s.time().minus(q.gap()), s.time().plus(q.gap()).plusNanos(1000),
                    CameraSet.only(Set.of(s.camera())), Pass.Order.TIME, p -> {
                        if (!p.plate().equals(q.target())) {
                            tallies.computeIfAbsent(p.plate(), k -> new Tally()).add(p);
                        }
                        return tallies.size() <= limits.maxCandidates();
                    });
            if (tallies.size() > limits.maxCandidates()) {
                throw new IllegalArgumentException("gap: more than " + limits.maxCandidates()
                        + " vehicles pass the target's cameras within it; narrow gap or the window");
            }
            progress.done((i + 1.0) / sightings.size());
        }
        List<Companion> found = new ArrayList<>();
        tallies.forEach((plate, t) -> {
            if (t.cameras.size() >= q.minCameras()) {
                found.add(new Companion(plate, t.cameras.size(), t.passes, t.first, t.last));
            }
        });
        found.sort(Comparator.comparingInt(Companion::cameras).reversed()
                .thenComparing(Comparator.comparingInt(Companion::passes).reversed())
                .thenComparing(Companion::plate));
        return Findings.of(found, limits.maxResults());
    }

    private static final class Tally {
        final Set<io.xueliang.media.CameraId> cameras = new HashSet<>();
        int passes;
        Instant first;
        Instant last;

        void add(Pass p) {
            cameras.add(p.camera());
            passes++;
            first = first == null || p.time().isBefore(first) ? p.time() : first;
            last = last == null || p.time().isAfter(last) ? p.time() : last;
        }
    }
}
