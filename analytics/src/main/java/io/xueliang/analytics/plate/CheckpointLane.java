package io.xueliang.analytics.plate;

import io.xueliang.analytics.decode.DecodedFrame;
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
 */
final class CheckpointLane {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLane.class);
    /** Still pictures (times only) queued at most; more means the workers are far behind. */
    private static final int MAX_QUEUED = 64;

    private final CameraId camera;
    private final MotionGate gate;
    private final PlateTracker tracker;
    private final PlatePassPublisher publisher;
    private final Supplier<PlateReader> readers;
    private final Executor workers;
    private final ArrayDeque<Sampled> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private boolean scheduled;
    /** Time of the newest picture the worker handled; touched by the worker holding the lane. */
    private Instant lastSeen = Instant.EPOCH;

    final LongAdder framesSampled = new LongAdder();
    final LongAdder framesStill = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder framesAnalysed = new LongAdder();
    final LongAdder sightings = new LongAdder();
    final LongAdder reads = new LongAdder();

    /** A sampled picture; {@code frame} null for a still one (only its time matters) and for the end. */
    private record Sampled(Instant time, DecodedFrame frame, boolean end) {
    }

    /**
     * @param readers the calling worker thread's reader (readers are thread-confined)
     */
    CheckpointLane(CameraId camera, MotionGate gate, PlateTracker tracker, PlatePassPublisher publisher,
            Supplier<PlateReader> readers, Executor workers) {
        this.camera = camera;
        this.gate = gate;
        this.tracker = tracker;
        this.publisher = publisher;
        this.readers = readers;
        this.workers = workers;
    }

    /** A sampled picture, on the camera's decoding thread. */
    void offer(DecodedFrame frame) {
        framesSampled.increment();
        boolean moving = gate.moving(frame.image());
        if (!moving) {
            framesStill.increment();
        }
        enqueue(new Sampled(frame.wallClock(), moving ? frame : null, false));
    }

    /** The camera stopped: open tracks yield their reads. Completes once they are published. */
    CompletableFuture<Void> end() {
        enqueue(new Sampled(null, null, true));
        return ended;
    }

    private void enqueue(Sampled s) {
        boolean start;
        synchronized (queue) {
            if (s.frame != null) {
                for (Iterator<Sampled> it = queue.iterator(); it.hasNext(); ) {
                    Sampled waiting = it.next();
                    if (waiting.frame != null) {
                        // keep its time, drop its picture: the tracker still learns time passed
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
                    publish(tracker.flush(lastSeen));
                    ended.complete(null);
                } else {
                    lastSeen = s.time;
                    publish(tracker.update(s.time, observe(s.frame)));
                }
            } catch (RuntimeException e) {
                LOG.error("camera {}: plate reading failed on a picture; going on with the next", camera, e);
            }
        }
    }

    private List<PlateObservation> observe(DecodedFrame frame) {
        if (frame == null) {
            return List.of();
        }
        framesAnalysed.increment();
        List<PlateFinding> findings = readers.get().read(frame.image());
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

    PlateReadingStats stats(long unitsSkipped, long decodeErrors) {
        return new PlateReadingStats(camera, unitsSkipped, decodeErrors, framesSampled.sum(), framesStill.sum(),
                framesDropped.sum(), framesAnalysed.sum(), sightings.sum(), reads.sum());
    }
}
