package io.xueliang.reads.analysis;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.Pass;
import io.xueliang.reads.store.ReadStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cloned plates (套牌车): plates with consecutive sightings too far apart for the time between them. One pass over the
 * window in time order, keeping each plate's last sighting (memory: one entry per distinct plate, bounded by
 * {@code maxCandidates}); the distance is the straight line, a lower bound on the road, so a speed above the
 * threshold is impossible whatever road was taken. Sightings closer than {@code minKm} are not compared: clock and
 * position errors make short hops look fast.
 */
public final class ClonedPlateAnalysis {
    /** Impossible sightings kept per plate: enough to show the pattern. */
    static final int MAX_PAIRS_PER_PLATE = 20;
    private final ReadStore store;
    private final CameraPositions positions;
    private final AnalysisLimits limits;

    public ClonedPlateAnalysis(ReadStore store, CameraPositions positions, AnalysisLimits limits) {
        this.store = store;
        this.positions = positions;
        this.limits = limits;
    }

    /**
     * @param from   first instant, inclusive
     * @param to     last instant, exclusive (up to {@code maxScanWindow} after {@code from})
     * @param maxKmh the fastest believable speed between two sightings, 30-1000 km/h
     * @param minKm  sightings closer than this are not compared, 0-100 km
     * @param scope  the cameras the caller may see
     */
    public record Request(Instant from, Instant to, double maxKmh, double minKm, CameraSet scope) {
    }

    /**
     * Two consecutive sightings of one plate that one vehicle could not make.
     *
     * @param fromCamera where it was first
     * @param fromTime   when
     * @param toCamera   where it was next
     * @param toTime     when
     * @param km         the straight line between the two
     * @param kmh        the speed it implies (infinite when at the same instant)
     */
    public record ImpossibleHop(CameraId fromCamera, Instant fromTime, CameraId toCamera, Instant toTime, double km,
            double kmh) {
    }

    /**
     * @param plate the plate
     * @param hops  its impossible hops, the first {@link #MAX_PAIRS_PER_PLATE}
     * @param count how many it had
     */
    public record ClonedPlate(String plate, List<ImpossibleHop> hops, int count) {
        public ClonedPlate {
            hops = List.copyOf(hops);
        }
    }

    public Findings<ClonedPlate> run(Request q, Progress progress) {
        AnalysisLimits.window(q.from(), q.to(), limits.maxScanWindow());
        if (!(q.maxKmh() >= 30 && q.maxKmh() <= 1000)) {
            throw new IllegalArgumentException("maxKmh: must be 30-1000, got " + q.maxKmh());
        }
        if (!(q.minKm() >= 0 && q.minKm() <= 100)) {
            throw new IllegalArgumentException("minKm: must be 0-100, got " + q.minKm());
        }
        Map<CameraId, Optional<GeoPoint>> where = new HashMap<>();
        Map<String, Pass> last = new HashMap<>();
        Map<String, List<ImpossibleHop>> hops = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        long span = Duration.between(q.from(), q.to()).toSeconds();
        long[] scanned = {0};
        boolean[] overflow = {false};
        store.passes(q.from(), q.to(), q.scope(), Pass.Order.TIME, p -> {
            Pass before = last.put(p.plate(), p);
            if (before != null && !before.camera().equals(p.camera())) {
                Optional<GeoPoint> a = where.computeIfAbsent(before.camera(), positions::position);
                Optional<GeoPoint> b = where.computeIfAbsent(p.camera(), positions::position);
                if (a.isPresent() && b.isPresent()) {
                    double km = a.get().kmTo(b.get());
                    double hours = Duration.between(before.time(), p.time()).toNanos() / 3.6e12;
                    double kmh = hours > 0 ? km / hours : Double.POSITIVE_INFINITY;
                    if (km >= q.minKm() && kmh > q.maxKmh()) {
                        List<ImpossibleHop> list = hops.computeIfAbsent(p.plate(), k -> new ArrayList<>());
                        if (list.size() < MAX_PAIRS_PER_PLATE) {
                            list.add(new ImpossibleHop(before.camera(), before.time(), p.camera(), p.time(), km, kmh));
                        }
                        counts.merge(p.plate(), 1, Integer::sum);
                    }
                }
            }
            if (++scanned[0] % 65_536 == 0) {
                progress.done((double) Duration.between(q.from(), p.time()).toSeconds() / span);
                if (progress.cancelled()) {
                    return false;
                }
            }
            if (last.size() > limits.maxCandidates()) {
                overflow[0] = true;
                return false;
            }
            return true;
        });
        progress.check();
        if (overflow[0]) {
            throw new IllegalArgumentException("to: more than " + limits.maxCandidates()
                    + " distinct plates in the window; narrow it");
        }
        List<ClonedPlate> found = new ArrayList<>();
        hops.forEach((plate, list) -> found.add(new ClonedPlate(plate, list, counts.get(plate))));
        progress.done(1);
        return Findings.of(found, limits.maxResults());
    }
}
