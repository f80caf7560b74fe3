package io.xueliang.analytics.plate;

import io.xueliang.analytics.decode.DecodedFrame;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.motion.MotionGate;
import io.xueliang.analytics.track.PlateObservation;
import io.xueliang.analytics.track.PlatePass;
import io.xueliang.analytics.track.PlateTracker;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.media.PlateReadingStats;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One checkpoint camera's way from sampled pictures to published reads. The decoding thread hands each
 * sampled picture to {@link #offer}, which runs the motion gate there and queues the picture; a worker
 * then detects and reads the moving ones and updates the camera's tracker in picture order (still
 * pictures only advance the tracker's time, so tracks end when the vehicle has gone).
 *
 * <p>At most one picture with motion waits per camera: when detection is slower than the camera, the
 * older waiting picture is dropped and counted, so the lane always works on the newest. The tracker is
 * touched by one worker at a time ({@link #scheduled} hands it over).
 *
 * <p>Detection looks only where the gate saw motion, each moving part grown by a margin ({@link #detectionRegions}),
 * unless those parts together would cost the detector nearly as much as the whole picture (which it scales down to
 * its input limit).
 *
 * <p>Public for the benchmark harness in {@code bench}, which drives a lane as the service does.
 */
public final class CheckpointLane {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLane.class);
    /** Still pictures (times only) queued at most; more means the workers are far behind. */
    private static final int MAX_QUEUED = 64;
    /** A region costing more than this share of the whole picture's detection is not worth cropping. */
    static final double MAX_REGION_COST = 0.7;
    /** The network's input sides are multiples of this; regions are grown to them so they are not stretched. */
    private static final int ALIGN = 32;

    private final CameraId camera;
    private final MotionGate gate;
    private final PlateTracker tracker;
    private final PlatePassPublisher publisher;
    private final Supplier<PlateReader> readers;
    private final Executor workers;
    private final int detectionSide;
    private final ArrayDeque<Sampled> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private boolean scheduled;
    /** Time of the newest picture the worker handled; touched by the worker holding the lane. */
    private Instant lastSeen = Instant.EPOCH;

    final LongAdder framesSampled = new LongAdder();
    final LongAdder framesStill = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder framesAnalysed = new LongAdder();
    /** Analysed pictures whose detection ran on the moving region only. */
    final LongAdder framesCropped = new LongAdder();
    final LongAdder sightings = new LongAdder();
    final LongAdder reads = new LongAdder();

    /**
     * A sampled picture; {@code frame} null for a still one (only its time matters) and for the end; {@code region}
     * where to detect, null for the whole picture.
     */
    private record Sampled(Instant time, DecodedFrame frame, List<Box> regions, boolean end) {
    }

    /**
     * @param readers the calling worker thread's reader (readers are thread-confined)
     * @param detectionSide the readers' detector input limit: a whole picture is scaled to it, and a region of the
     *        picture is detected at that same scale
     */
    public CheckpointLane(CameraId camera, MotionGate gate, PlateTracker tracker, PlatePassPublisher publisher,
            Supplier<PlateReader> readers, Executor workers, int detectionSide) {
        this.detectionSide = detectionSide;
        this.camera = camera;
        this.gate = gate;
        this.tracker = tracker;
        this.publisher = publisher;
        this.readers = readers;
        this.workers = workers;
    }

    /** A sampled picture, on the camera's decoding thread. */
    public void offer(DecodedFrame frame) {
        framesSampled.increment();
        boolean moving = gate.moving(frame.image());
        if (!moving) {
            framesStill.increment();
            enqueue(new Sampled(frame.wallClock(), null, null, false));
            return;
        }
        List<Box> regions = detectionRegions(gate.lastMotionBoxes(), frame.image().width(), frame.image().height(),
                detectionSide);
        enqueue(new Sampled(frame.wallClock(), frame, regions.isEmpty() ? null : regions, false));
    }

    /**
     * Where to detect for the moving parts {@code motions}: each grown as {@link #detectionRegion} grows one,
     * overlapping ones merged into their bounding box; empty (the whole picture) when there is no part or the regions
     * together would cost more than {@value #MAX_REGION_COST} of the whole picture. Regions do not overlap, so a
     * plate is found once.
     */
    public static List<Box> detectionRegions(List<Box> motions, int width, int height, int limitSide) {
        List<int[]> regions = new ArrayList<>();
        for (Box m : motions) {
            regions.add(grown(m, width, height));
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < regions.size(); i++) {
                for (int j = i + 1; j < regions.size(); j++) {
                    int[] a = regions.get(i);
                    int[] b = regions.get(j);
                    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) {
                        int[] xs = aligned(Math.min(a[0], b[0]), Math.max(a[2], b[2]), width);
                        int[] ys = aligned(Math.min(a[1], b[1]), Math.max(a[3], b[3]), height);
                        regions.set(i, new int[] {xs[0], ys[0], xs[1], ys[1]});
                        regions.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        double scale = scale(width, height, limitSide);
        double cost = 0;
        for (int[] r : regions) {
            cost += inputPixels(r[2] - r[0], r[3] - r[1], scale);
        }
        if (regions.isEmpty() || cost > MAX_REGION_COST * inputPixels(width, height, scale)) {
            return List.of();
        }
        List<Box> out = new ArrayList<>();
        for (int[] r : regions) {
            out.add(new Box(r[0], r[1], r[2] - r[0], r[3] - r[1]));
        }
        return List.copyOf(out);
    }

    /** {@code motion} grown by the margin and aligned: {@code [x0, y0, x1, y1]}. */
    private static int[] grown(Box motion, int width, int height) {
        int margin = Math.max(ALIGN, width / 24);
        int[] xs = aligned(Math.max(0, (int) Math.floor(motion.x()) - margin),
                Math.min(width, (int) Math.ceil(motion.x() + motion.width()) + margin), width);
        int[] ys = aligned(Math.max(0, (int) Math.floor(motion.y()) - margin),
                Math.min(height, (int) Math.ceil(motion.y() + motion.height()) + margin), height);
        return new int[] {xs[0], ys[0], xs[1], ys[1]};
    }

    /**
     * Where to detect for motion in {@code motion} of a {@code width} x {@code height} picture: the motion grown by a
     * margin (a 24th of the width, at least {@value #ALIGN} pixels: a plate at the edge of a vehicle's moving part
     * still lies wholly inside), aligned to the network's multiples of {@value #ALIGN}; empty when detecting there
     * would cost more than {@value #MAX_REGION_COST} of the whole picture (a region is detected at the scale the
     * whole picture is, {@code limitSide} over its longer side).
     */
    public static Optional<Box> detectionRegion(Box motion, int width, int height, int limitSide) {
        return detectionRegions(List.of(motion), width, height, limitSide).stream().findFirst();
    }

    /** {@code [lo, hi)} grown to a multiple of {@link #ALIGN} (or the whole {@code size}), within 0..size. */
    private static int[] aligned(int lo, int hi, int size) {
        int want = Math.min(size, (hi - lo + ALIGN - 1) / ALIGN * ALIGN);
        int grow = want - (hi - lo);
        lo -= grow / 2;
        lo = Math.clamp(lo, 0, size - want);
        return new int[] {lo, lo + want};
    }

    /** The scale the detector takes a whole {@code width} x {@code height} picture at. */
    public static double scale(int width, int height, int limitSide) {
        return Math.max(width, height) > limitSide ? (double) limitSide / Math.max(width, height) : 1.0;
    }

    /** Pixels of the detector's input for a picture of {@code w} x {@code h} at {@code ratio} (as DbInput scales it). */
    private static double inputPixels(int w, int h, double ratio) {
        return Math.max(ALIGN, Math.round(w * ratio / ALIGN) * ALIGN)
                * (double) Math.max(ALIGN, Math.round(h * ratio / ALIGN) * ALIGN);
    }

    /** The camera stopped: open tracks yield their reads. Completes once they are published. */
    public CompletableFuture<Void> end() {
        enqueue(new Sampled(null, null, null, true));
        return ended;
    }

    private void enqueue(Sampled s) {
        boolean start;
        synchronized (queue) {
            if (s.frame != null) {
                for (Iterator<Sampled> it = queue.iterator(); it.hasNext(); ) {
                    Sampled waiting = it.next();
                    if (waiting.frame != null) {
                        // the newer picture replaces it; the tracker's clock moves on with the newer one
                        it.remove();
                        framesDropped.increment();
                        break;
                    }
                }
            }
            if (queue.size() >= MAX_QUEUED && !s.end) {
                Sampled oldest = queue.pollFirst();
                if (oldest != null && oldest.frame != null) {
                    framesDropped.increment();
                }
            }
            queue.addLast(s);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            workers.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Sampled s;
            synchronized (queue) {
                s = queue.pollFirst();
                if (s == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                if (s.end) {
                    try {
                        publish(tracker.flush(lastSeen));
                    } finally {
                        ended.complete(null); // a failed flush must not leave the camera's stop waiting
                    }
                } else {
                    lastSeen = s.time;
                    publish(tracker.update(s.time, observe(s.frame, s.regions)));
                }
            } catch (RuntimeException e) {
                LOG.error("camera {}: plate reading failed on a picture; going on with the next", camera, e);
            }
        }
    }

    private List<PlateObservation> observe(DecodedFrame frame, List<Box> regions) {
        if (frame == null) {
            return List.of();
        }
        framesAnalysed.increment();
        List<PlateFinding> findings;
        if (regions == null) {
            findings = readers.get().read(frame.image());
        } else {
            framesCropped.increment();
            findings = new ArrayList<>();
            double scale = scale(frame.image().width(), frame.image().height(), detectionSide);
            for (Box region : regions) {
                findings.addAll(readers.get().read(frame.image(), region, scale));
            }
        }
        List<PlateObservation> observations = new ArrayList<>(findings.size());
        for (PlateFinding f : findings) {
            observations.add(new PlateObservation(frame.wallClock(), frame.pts90k(), f.box(), f.verdict(), f.crop(),
                    frame.image()));
        }
        sightings.add(observations.size());
        return observations;
    }

    private void publish(List<PlatePass> passes) {
        for (PlatePass pass : passes) {
            PlateRead read = publisher.publish(camera, pass);
            if (read != null) {
                reads.increment();
                LOG.debug("camera {}: read {} ({}, {}, confidence {})", camera, read.text(), read.colour(),
                        read.direction(), read.confidence());
            }
        }
    }

    /** Analysed pictures whose detection ran on the moving region only (the rest ran on the whole picture). */
    public long framesCropped() {
        return framesCropped.sum();
    }

    /** The lane's counters, with the frame source's skipped units and decoding errors. */
    public PlateReadingStats stats(long unitsSkipped, long decodeErrors) {
        return new PlateReadingStats(camera, unitsSkipped, decodeErrors, framesSampled.sum(), framesStill.sum(),
                framesDropped.sum(), framesAnalysed.sum(), sightings.sum(), reads.sum());
    }
}
