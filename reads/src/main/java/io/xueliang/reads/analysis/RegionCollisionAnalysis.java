package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Region collision (区域碰撞): plates present in every one of several (area, window) pairs, as when a vehicle was
 * near each of a series of incidents. The narrowest pair (fewest plates) is tallied first; the others only confirm
 * its plates against the plate index, a thousand at a time, so the cost follows the smallest pair.
 */
public final class RegionCollisionAnalysis {
    private final ReadStore store;
    private final AnalysisLimits limits;

    public RegionCollisionAnalysis(ReadStore store, AnalysisLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * @param pairs the (area, window) pairs, 2-{@code maxPairs}; each area already narrowed to what the caller may see
     */
    public record Request(List<AreaWindow> pairs) {
        public Request {
            pairs = pairs == null ? null : List.copyOf(pairs);
        }
    }

    public Findings<String> run(Request q, Progress progress) {
        if (q.pairs() == null || q.pairs().size() < 2 || q.pairs().size() > limits.maxPairs()) {
            throw new IllegalArgumentException("pairs: must be 2-" + limits.maxPairs() + " (area, window) pairs, got "
                    + (q.pairs() == null ? 0 : q.pairs().size()));
        }
        for (AreaWindow p : q.pairs()) {
            AnalysisLimits.window(p.from(), p.to(), limits.maxWindow());
            if (p.area() == null) {
                throw new IllegalArgumentException("pairs: each needs an area");
            }
        }
        // the pair with the shortest window first: usually the fewest plates
        List<AreaWindow> order = new ArrayList<>(q.pairs());
        order.sort(Comparator.comparing(p -> java.time.Duration.between(p.from(), p.to())));
        AreaWindow first = order.getFirst();
        Set<String> plates = new TreeSet<>();
        store.tally(first.from(), first.to(), first.area(), null, 1, t -> {
            plates.add(t.plate());
            return plates.size() <= limits.maxCandidates();
        });
        if (plates.size() > limits.maxCandidates()) {
            throw new IllegalArgumentException("pairs: more than " + limits.maxCandidates()
                    + " plates in the narrowest pair; narrow its area or window");
        }
        for (int i = 1; i < order.size() && !plates.isEmpty(); i++) {
            AreaWindow p = order.get(i);
            List<String> all = new ArrayList<>(plates);
            Set<String> kept = new TreeSet<>();
            for (int j = 0; j < all.size(); j += ReadStore.MAX_PLATES_SEEN) {
                progress.check();
                kept.addAll(store.platesSeen(all.subList(j, Math.min(all.size(), j + ReadStore.MAX_PLATES_SEEN)),
                        p.from(), p.to(), p.area()));
            }
            plates.retainAll(kept);
            progress.done((double) (i + 1) / order.size());
        }
        return Findings.of(new ArrayList<>(plates), limits.maxResults());
    }

    /** The same pairs, each area narrowed to {@code scope}. */
    public static List<AreaWindow> within(List<AreaWindow> pairs, CameraSet scope) {
        return pairs.stream().map(p -> new AreaWindow(p.area().and(scope), p.from(), p.to())).toList();
    }
}
