package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First appearance (首次出现): plates read in an area in a window and never in that area in the look-back before it.
 * The window's plates are tallied once; the look-back is asked of the plate index a thousand plates at a time.
 */
public final class FirstSeenAnalysis {
    private final ReadStore store;
    private final AnalysisLimits limits;

    public FirstSeenAnalysis(ReadStore store, AnalysisLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * @param from     first instant of the window, inclusive
     * @param to       last instant, exclusive
     * @param lookBack how long before {@code from} the plates must not have been seen, 1 day to {@code maxLookBack}
     * @param area     the area's cameras, already narrowed to those the caller may see
     */
    public record Request(Instant from, Instant to, Duration lookBack, CameraSet area) {
    }

    /**
     * @param plate the plate
     * @param first its first read in the window
     * @param reads its reads in the window
     */
    public record FirstSighting(String plate, Instant first, int reads) {
    }

    public Findings<FirstSighting> run(Request q, Progress progress) {
        AnalysisLimits.window(q.from(), q.to(), limits.maxWindow());
        if (q.lookBack() == null || q.lookBack().compareTo(Duration.ofDays(1)) < 0
                || q.lookBack().compareTo(limits.maxLookBack()) > 0) {
            throw new IllegalArgumentException("lookBack: must be 1 to " + limits.maxLookBack().toDays()
                    + " days, got " + q.lookBack());
        }
        Map<String, FirstSighting> candidates = new LinkedHashMap<>();
        store.tally(q.from(), q.to(), q.area(), null, 1, t -> {
            candidates.put(t.plate(), new FirstSighting(t.plate(), t.first(), t.reads()));
            return candidates.size() <= limits.maxCandidates();
        });
        if (candidates.size() > limits.maxCandidates()) {
            throw new IllegalArgumentException("to: more than " + limits.maxCandidates()
                    + " plates were read in the area in the window; narrow the area or the window");
        }
        progress.done(0.1);
        List<String> plates = new ArrayList<>(candidates.keySet());
        Instant lookFrom = q.from().minus(q.lookBack());
        for (int i = 0; i < plates.size(); i += ReadStore.MAX_PLATES_SEEN) {
            progress.check();
            List<String> batch = plates.subList(i, Math.min(plates.size(), i + ReadStore.MAX_PLATES_SEEN));
            Set<String> seen = store.platesSeen(batch, lookFrom, q.from(), q.area());
            seen.forEach(candidates::remove);
            progress.done(0.1 + 0.9 * Math.min(plates.size(), i + ReadStore.MAX_PLATES_SEEN) / plates.size());
        }
        List<FirstSighting> found = new ArrayList<>(candidates.values());
        found.sort(Comparator.comparing(FirstSighting::first).thenComparing(FirstSighting::plate));
        return Findings.of(found, limits.maxResults());
    }
}
