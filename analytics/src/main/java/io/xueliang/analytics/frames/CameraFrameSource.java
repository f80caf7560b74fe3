package io.xueliang.analytics.frames;

import io.xueliang.analytics.decode.DecodedFrame;
import io.xueliang.analytics.decode.FrameSampler;
import io.xueliang.analytics.decode.SamplingMode;
import io.xueliang.analytics.decode.VideoDecoder;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamReader;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plate camera's pictures: a reader on the camera's {@link StreamHub} with its own bounded queue, drained on an
 * executor (never on the event loop that publishes), each unit sampled and decoded, each taken picture handed to the
 * consumer as a {@link DecodedFrame}.
 *
 * <p>The hub's callback only schedules the drain; publishing never waits for decoding. When analytics falls behind,
 * by more than {@link FrameSourceSettings#maxBacklogUnits()} queued units, the source skips everything up to the next
 * keyframe (counted), so plates are read from the present; if the reader's queue overflows anyway, the hub drops it
 * to the next keyframe (counted by the reader). A camera that stops publishing gets its last pictures handed on and
 * its native decoder freed after {@link FrameSourceSettings#idleTimeout()}; it resumes at its next keyframe.
 *
 * <p>The consumer runs on the executor's thread, one picture at a time per camera, in order; it should return quickly
 * (hand the picture to detection's own queue) or accept that this camera skips while it works.
 */
public final class CameraFrameSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraFrameSource.class);
    /** Units one camera decodes per turn before the executor thread moves on to another camera. */
    private static final int MAX_UNITS_PER_TURN = 32;
    /** How long {@link #close()} waits for the unit being decoded. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final StreamHub hub;
    private final FrameSourceSettings settings;
    private final Consumer<DecodedFrame> consumer;
    private final ScheduledExecutorService executor;
    private final InstantSource clock;
    private final FrameSampler sampler;
    private final VideoDecoder decoder;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private StreamReader reader;
    private ScheduledFuture<?> idleCheck;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean idleDue;
    private volatile Instant lastUnitAt;
    // Written by the draining thread only (one at a time); volatile for stats readers.
    private volatile long unitsRead;
    private volatile long unitsSkipped;
    private volatile long framesDelivered;
    private volatile long consumerFailures;
    private volatile long idles;
    /** Nothing decoded since the last idle flush (or ever): there is nothing to flush or free. */
    private volatile boolean idle = true;
    private boolean skipping;
    private long overflowsSeen;
    private volatile boolean finished;

    /**
     * @param executor runs the decoding and the idle check; shared by cameras (a camera has at most one task queued)
     * @param clock tells when the camera went quiet
     */
    public CameraFrameSource(StreamHub hub, FrameSourceSettings settings, Consumer<DecodedFrame> consumer,
            ScheduledExecutorService executor, InstantSource clock) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sampler = new FrameSampler(settings.sampling());
        this.decoder = new VideoDecoder(settings.decoder());
    }

    public CameraId camera() {
        return hub.camera();
    }

    /** Subscribes to the hub (the reader starts at the next keyframe) and starts the idle check. Never blocks. */
    public synchronized CameraFrameSource start() {
        if (started) {
            throw new IllegalStateException("frame source of " + camera() + " already started");
        }
        if (stopping) {
            throw new IllegalStateException("frame source of " + camera() + " is closed");
        }
        started = true;
        lastUnitAt = clock.instant();
        reader = hub.subscribe("analytics", settings.queueUnits(), settings.queueBytes());
        reader.onAvailable(this::schedule);
        long period = Math.max(100, Math.min(1000, settings.idleTimeout().toMillis() / 4));
        idleCheck = executor.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stops reading: leaves the hub, and frees the decoder once the unit being decoded is done. Never blocks.
     *
     * @return completes when the native decoder is freed and the consumer will not be called again
     */
    public synchronized CompletableFuture<Void> stop() {
        if (!stopping) {
            stopping = true;
            if (reader != null) {
                reader.close();
            }
            if (idleCheck != null) {
                idleCheck.cancel(false);
            }
            if (!started) {
                finish();
            } else {
                schedule();
            }
        }
        return stopped;
    }

    /** Completes when the source has stopped. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** {@link #stop()} and wait for it; blocks for up to the decoding of one unit, so not on an event loop. */
    @Override
    public void close() {
        CompletableFuture<Void> f = stop();
        try {
            f.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("camera {}: frame source still decoding {} after close; it stops after that unit", camera(),
                    CLOSE_WAIT);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public FrameSourceStats stats() {
        StreamReader r = reader;
        return new FrameSourceStats(camera(), unitsRead, unitsSkipped, r == null ? 0 : r.dropped(), framesDelivered,
                consumerFailures, idles, r == null ? 0 : r.queued(), decoder.counters());
    }

    /** True from a decoded unit until the camera goes quiet (its decoder freed) or the source stops. */
    public boolean decoding() {
        return !finished && !idle;
    }

    private void checkIdle() {
        if (!stopping && !idleDue && !idle
                && Duration.between(lastUnitAt, clock.instant()).compareTo(settings.idleTimeout()) >= 0) {
            idleDue = true;
            schedule();
        }
    }

    /** The reader's callback on the publishing thread, and every other wake-up: at most one drain queued. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The executor is shutting down; nobody else holds the flag, so finishing here races nothing.
                if (stopping) {
                    finish();
                }
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        boolean more = false;
        try {
            if (finished) {
                return;
            }
            for (int i = 0; i < MAX_UNITS_PER_TURN && !stopping; i++) {
                AccessUnit unit = reader.poll();
                if (unit == null) {
                    break;
                }
                lastUnitAt = clock.instant();
                process(unit);
                more = i == MAX_UNITS_PER_TURN - 1;
            }
            if (idleDue && !stopping) {
                idleDue = false;
                deliver(decoder.flush(sampler));
                decoder.release();
                idle = true;
                idles++;
            }
        } catch (RuntimeException e) {
            LOG.error("camera {}: frame source failed on a unit; restarting at the next keyframe", camera(), e);
            decoder.restartAtNextKeyframe();
        } finally {
            if (stopping) {
                finish();
            }
            scheduled.set(false);
            if (!finished && (more || reader.queued() > 0 || idleDue || stopping)) {
                schedule();
            }
        }
    }

    private void process(AccessUnit unit) {
        if (!unit.isVideo()) {
            return;
        }
        try {
            decodeAndDeliver(unit);
        } finally {
            unitsRead++; // after the unit's pictures went out: a reader of the stats sees them delivered
        }
    }

    private void decodeAndDeliver(AccessUnit unit) {
        long overflows = reader.overflows();
        if (overflows != overflowsSeen) {
            // The hub dropped units: what follows the gap cannot refer to what the decoder holds.
            overflowsSeen = overflows;
            decoder.restartAtNextKeyframe();
        }
        if (skipping && unit.isKeyframe()) {
            skipping = false;
        }
        if (!skipping && !unit.isKeyframe() && reader.queued() > settings.maxBacklogUnits()) {
            skipping = true;
            decoder.restartAtNextKeyframe();
        }
        if (skipping) {
            unitsSkipped++;
            return;
        }
        if (!sampler.decodes(unit)) {
            return;
        }
        idle = false;
        deliver(decoder.decode(unit, sampler));
        if (settings.sampling().mode() == SamplingMode.KEYFRAMES) {
            deliver(decoder.flush(sampler)); // nothing follows a keyframe into the decoder: its picture is due now
        }
    }

    private void deliver(List<DecodedFrame> frames) {
        for (DecodedFrame frame : frames) {
            if (stopping) {
                return;
            }
            try {
                consumer.accept(frame);
                framesDelivered++;
            } catch (RuntimeException e) {
                consumerFailures++;
                if (consumerFailures == 1 || Long.bitCount(consumerFailures) == 1) {
                    LOG.warn("camera {}: frame consumer failed ({} times so far)", camera(), consumerFailures, e);
                }
            }
        }
    }

    /** On the draining thread (or with no drain possible): frees native memory, once. */
    private void finish() {
        if (!finished) {
            finished = true;
            decoder.close();
            stopped.complete(null);
        }
    }
}
