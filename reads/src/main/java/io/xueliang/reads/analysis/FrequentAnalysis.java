package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Frequent passage (频繁过车): plates passing a camera or an area more than n times in a window. One grouped scan. */
public final class FrequentAnalysis {
    private final ReadStore store;
    private final AnalysisLimits limits;

    public FrequentAnalysis(ReadStore store, AnalysisLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * @param from      first instant, inclusive
     * @param to        last instant, exclusive
     * @param area      the camera or area, already narrowed to those the caller may see
     * @param minPasses n: a plate is found with more passes than this, 1-1,000,000
     */
    public record Request(Instant from, Instant to, CameraSet area, int minPasses) {
    }

    /**
     * @param plate   the plate
     * @param passes  its reads in the area in the window
     * @param cameras distinct cameras of the area that read it
     * @param first   its first read there
     * @param last    its last
     */
    public record FrequentPasser(String plate, int passes, int cameras, Instant first, Instant last) {
    }

    public Findings<FrequentPasser> run(Request q, Progress progress) {
        AnalysisLimits.window(q.from(), q.to(), limits.maxWindow());
        AnalysisLimits.range("minPasses", q.minPasses(), 1, 1_000_000);
        List<FrequentPasser> found = new ArrayList<>();
        store.tally(q.from(), q.to(), q.area(), null, q.minPasses() + 1, t -> {
            found.add(new FrequentPasser(t.plate(), t.reads(), t.cameras(), t.first(), t.last()));
            return !progress.cancelled() && found.size() <= limits.maxCandidates();
        });
        progress.check();
        found.sort(Comparator.comparingInt(FrequentPasser::passes).reversed().thenComparing(FrequentPasser::plate));
        progress.done(1);
        return Findings.of(found, limits.maxResults());
    }
}
