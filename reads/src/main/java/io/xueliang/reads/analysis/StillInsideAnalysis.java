package io.xueliang.reads.analysis;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.Pass;
import io.xueliang.reads.store.ReadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The boundary ring's "entered and still inside" (进县留影、出县留踪): plates whose last passage of a boundary checkpoint
 * in a window went in. Only the checkpoints' reads are scanned, in time order; passes in a direction that is neither
 * the checkpoint's entering nor its leaving one (a vehicle turning in the frame) say nothing and are skipped.
 */
public final class StillInsideAnalysis {
    private final ReadStore store;
    private final Map<CameraId, BoundaryCheckpoint> checkpoints;
    private final AnalysisLimits limits;

    /**
     * @param checkpoints the boundary checkpoints of the area asked about
     */
    public StillInsideAnalysis(ReadStore store, Map<CameraId, BoundaryCheckpoint> checkpoints,
            AnalysisLimits limits) {
        this.store = store;
        this.checkpoints = Map.copyOf(checkpoints);
        this.limits = limits;
    }

    /**
     * @param from  first instant, inclusive: a vehicle that entered before it is not seen entering
     * @param to    last instant, exclusive (usually now)
     * @param scope the cameras the caller may see
     */
    public record Request(Instant from, Instant to, CameraSet scope) {
    }

    /**
     * @param plate   the plate
     * @param entered when it last entered
     * @param camera  the checkpoint it entered by
     */
    public record Inside(String plate, Instant entered, CameraId camera) {
    }

    public Findings<Inside> run(Request q, Progress progress) {
        AnalysisLimits.window(q.from(), q.to(), limits.maxWindow());
        Set<CameraId> gates = checkpoints.keySet().stream().filter(q.scope()::contains).collect(Collectors.toSet());
        Map<String, Inside> inside = new HashMap<>();
        boolean[] overflow = {false};
        store.passes(q.from(), q.to(), CameraSet.only(gates), Pass.Order.TIME, p -> {
            BoundaryCheckpoint cp = checkpoints.get(p.camera());
            if (p.direction() == cp.entering()) {
                inside.put(p.plate(), new Inside(p.plate(), p.time(), p.camera()));
            } else if (p.direction() == cp.leaving()) {
                inside.remove(p.plate());
            }
            overflow[0] = inside.size() > limits.maxCandidates();
            return !overflow[0] && !progress.cancelled();
        });
        progress.check();
        if (overflow[0]) {
            throw new IllegalArgumentException("from: more than " + limits.maxCandidates()
                    + " vehicles inside at once in the window; narrow it");
        }
        List<Inside> found = new ArrayList<>(inside.values());
        found.sort(Comparator.comparing(Inside::entered).thenComparing(Inside::plate));
        progress.done(1);
        return Findings.of(found, limits.maxResults());
    }
}
