package io.xueliang.reads.analysis;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.TimeBand;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Night activity (昼伏夜出): plates whose reads in a window fall mostly in the night hours. One grouped scan of the
 * window; the night is local time, taken at the offset the zone has at the window's start (China keeps one all
 * year; elsewhere a window across a summer-time change is an hour off for part of it).
 */
public final class NightActivityAnalysis {
    private final ReadStore store;
    private final AnalysisLimits limits;

    public NightActivityAnalysis(ReadStore store, AnalysisLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * @param from       first instant, inclusive
     * @param to         last instant, exclusive
     * @param nightStart the night's first local time (e.g. 00:00, or 22:00 for a night across midnight)
     * @param nightEnd   the first local time after it (e.g. 05:00)
     * @param zone       the local time's zone
     * @param minShare   the least fraction of a plate's reads at night, over 0 up to 1
     * @param minReads   the least reads of a plate in the window (fewer say little), 1-10,000
     * @param scope      the cameras the caller may see
     */
    public record Request(Instant from, Instant to, LocalTime nightStart, LocalTime nightEnd, ZoneId zone,
            double minShare, int minReads, CameraSet scope) {
    }

    /**
     * @param plate the plate
     * @param night its reads in the night hours
     * @param reads all its reads in the window
     */
    public record NightMover(String plate, int night, int reads) {
        public double share() {
            return (double) night / reads;
        }
    }

    public Findings<NightMover> run(Request q, Progress progress) {
        AnalysisLimits.window(q.from(), q.to(), limits.maxWindow());
        if (q.nightStart() == null || q.nightEnd() == null || q.nightStart().equals(q.nightEnd())) {
            throw new IllegalArgumentException("nightEnd: the night needs a start and a different end, got "
                    + q.nightStart() + "-" + q.nightEnd());
        }
        if (q.zone() == null) {
            throw new IllegalArgumentException("zone: required");
        }
        if (!(q.minShare() > 0 && q.minShare() <= 1)) {
            throw new IllegalArgumentException("minShare: must be over 0 and at most 1, got " + q.minShare());
        }
        AnalysisLimits.range("minReads", q.minReads(), 1, 10_000);
        TimeBand band = new TimeBand(q.zone().getRules().getOffset(q.from()), q.nightStart().toSecondOfDay(),
                q.nightEnd().toSecondOfDay());
        List<NightMover> found = new ArrayList<>();
        store.tally(q.from(), q.to(), q.scope(), band, q.minReads(), t -> {
            if (t.inBand() >= q.minShare() * t.reads()) {
                found.add(new NightMover(t.plate(), t.inBand(), t.reads()));
            }
            return !progress.cancelled() && found.size() <= limits.maxCandidates();
        });
        progress.check();
        found.sort(Comparator.comparingInt(NightMover::night).reversed().thenComparing(NightMover::plate));
        progress.done(1);
        return Findings.of(found, limits.maxResults());
    }
}
