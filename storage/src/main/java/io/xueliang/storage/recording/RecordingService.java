package io.xueliang.storage.recording;

import io.xueliang.config.RecordingConfig;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamHubs;
import io.xueliang.media.StreamReader;
import io.xueliang.storage.fmp4.Fmp4SegmentRepair;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.FragmentMemory;
import io.xueliang.storage.fmp4.RepairOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous recording of every camera with {@code record: true}: one {@link CameraRecorder} per camera, reading the
 * camera's {@link io.xueliang.media.StreamHub} through its own bounded queue (a slow disk drops this recorder to the
 * next keyframe, counted; it never slows ingest or live), run on a small pool of writer threads. The queues' bytes
 * are bounded together by one {@link QueueBudget}: a camera whose file or index row is slow borrows what the others
 * are not using (up to {@link #MAX_QUEUED_BYTES} of its own), and all of them together cannot exhaust the heap. A camera's units
 * run one at a time, in order: the reader's callback (on the ingest event loop) only counts the unit and schedules the
 * camera once {@link #BATCH_UNITS} have come, the ticker schedules what is left every {@link #DRAIN_PERIOD}, and the
 * disk writes happen on the pool. Waking a writer for every frame cost two thread hand-offs per frame (25 per camera
 * per second); batching delays a fragment's write by at most {@link #DRAIN_PERIOD}, which is all it adds to what a
 * kill -9 can lose. Finished files are synced to disk and closed by two closer threads, so that the sync of a
 * rotating segment never holds up the writing of the others.
 *
 * <p>At start, {@link #repairAtStart()} cuts every segment left open by a crash back to its last complete fragment and
 * indexes it as finished.
 */
public final class RecordingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
    /**
     * Video one camera's recorder may have waiting, taken from the shared {@link QueueBudget}: 32 s at 2 Mbit/s, so that
     * one camera's slow file or a burst after a network stall is written late rather than lost. The budget bounds the
     * sum (with the unit count alone a slow disk let 1,000 queues grow to gigabytes and exhaust the heap, bench
     * 2026-11-30; with 1 MiB per camera and no sum, 1,000 cameras could still hold 1 GiB); beyond either the recorder
     * drops to the next keyframe, counted, and the server lives.
     */
    static final long MAX_QUEUED_BYTES = 8L << 20;
    /** Units one camera's recorder may have waiting: 20 s of 25 fps video with sound (the queue holds an array of
     * this size for each camera, 4 KiB); the bytes are the usual bound. */
    static final int MAX_QUEUED_UNITS = 1024;

    private final StreamHubs hubs;
    private final RecordingIndex index;
    private final RecordingLayout layout;
    private final RecordingGate gate;
    private final RecordingContext context;
    private final IndexRetries retries = new IndexRetries();
    private final ExecutorService writers;
    private final ExecutorService closer;
    private final ScheduledExecutorService ticker;
    private final Map<CameraId, Slot> slots = new ConcurrentHashMap<>();
    private final QueueBudget queueBudget;
    private final FragmentMemory fragmentMemory = new FragmentMemory();

    /** As the full constructor with {@link RecordingConfig#DEFAULT_CHANGE_ROTATION_INTERVAL}. */
    public RecordingService(StreamHubs hubs, RecordingIndex index, RecordingLayout layout, Duration segmentLength,
            Fmp4WriterSettings settings, InstantSource clock, RecordingGate gate, int threads,
            QueueBudget queueBudget) {
        this(hubs, index, layout, segmentLength, RecordingConfig.DEFAULT_CHANGE_ROTATION_INTERVAL, settings, clock, gate,
                threads, queueBudget);
    }

    /**
     * @param changeRotationInterval a change in a camera's stream starts a segment at most once per this interval
     *        (see {@link RecordingConfig#changeRotationInterval()}); zero: no limit
     * @param threads writer threads: disk writes of all cameras share them
     * @param queueBudget the bytes all cameras' recorder queues may hold together
     */
    public RecordingService(StreamHubs hubs, RecordingIndex index, RecordingLayout layout, Duration segmentLength,
            Duration changeRotationInterval, Fmp4WriterSettings settings, InstantSource clock, RecordingGate gate,
            int threads, QueueBudget queueBudget) {
        this.hubs = hubs;
        this.index = index;
        this.layout = layout;
        this.gate = gate;
        this.queueBudget = queueBudget;
        AtomicInteger n = new AtomicInteger();
        // Unbounded task queue, but each camera has at most one task queued (Slot.scheduled): bounded by cameras.
        this.writers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "recording-writer-" + n.incrementAndGet()));
        AtomicInteger c = new AtomicInteger();
        // Each queued close holds one open file; past the bound a writer syncs its own file (the old behaviour).
        this.closer = new ThreadPoolExecutor(CLOSER_THREADS, CLOSER_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_CLOSES), r -> daemon(r, "recording-closer-" + c.incrementAndGet()),
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.context = new RecordingContext(index, layout, segmentLength, changeRotationInterval, settings, clock, gate,
                clock.instant(), closer, fragmentMemory, retries);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "recording-ticker"));
        ticker.scheduleWithFixedDelay(this::drainAll, DRAIN_PERIOD.toMillis(), DRAIN_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Units queued for a camera before its writer is woken: a third of a second of 25 fps video. */
    static final int BATCH_UNITS = 8;
    /** Units one camera writes per turn before the writer thread moves on to the next camera. */
    private static final int MAX_UNITS_PER_TURN = 256;
    /** How often the ticker hands every camera's queued units to the writers, whatever their number. */
    static final Duration DRAIN_PERIOD = Duration.ofMillis(250);
    /** Drains between two idle checks ({@link CameraRecorder#tick()}, once a second). */
    private static final int DRAINS_PER_TICK = 4;

    /** Syncs run side by side on some disks (NVMe queues, RAID); two keep one slow sync from holding up the rest. */
    private static final int CLOSER_THREADS = 2;
    /** Finished files waiting for their sync: one per camera after the minute's rotation of 4,096 cameras. */
    private static final int MAX_QUEUED_CLOSES = 4096;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public RecordingGate gate() {
        return gate;
    }

    public RecordingLayout layout() {
        return layout;
    }

    /** What {@link #repairAtStart()} did. */
    public record RepairReport(int repaired, int emptied, long bytesCut) {
    }

    /** Repairs the segments a crash or stop left open: run once at start, before any camera records. */
    public RepairReport repairAtStart() {
        int repaired = 0;
        int emptied = 0;
        long cut = 0;
        for (RecordedSegment s : index.openSegments()) {
            Path file = layout.file(s.key());
            try {
                RepairOutcome outcome = Files.exists(file) ? Fmp4SegmentRepair.repair(file) : null;
                if (outcome instanceof RepairOutcome.Repaired r && r.fragments() > 0) {
                    index.finish(s.id(), r.wallClockEnd(), r.bytes(), r.videoFrames(), r.sha256()).get(30, TimeUnit.SECONDS);
                    cut += r.removedBytes();
                    repaired++;
                    LOG.info("camera {}: repaired segment {} to {} fragment(s), {} bytes cut", s.camera(), s.key(),
                            r.fragments(), r.removedBytes());
                } else {
                    Files.deleteIfExists(file);
                    index.delete(s.id(), null).get(30, TimeUnit.SECONDS);
                    emptied++;
                    LOG.info("camera {}: segment {} held no complete fragment; removed", s.camera(), s.key());
                }
            } catch (IOException e) {
                LOG.warn("camera {}: segment {} could not be repaired: {}", s.camera(), s.key(), e.toString());
            } catch (Exception e) {
                LOG.warn("camera {}: index not updated for segment {}", s.camera(), s.key(), e);
            }
        }
        return new RepairReport(repaired, emptied, cut);
    }

    /**
     * Starts recording {@code camera} when it should be recorded (enabled, record on), else stops it. Never blocks:
     * callable from an event loop.
     */
    public void put(Camera camera) {
        if (!camera.enabled() || !camera.record()) {
            remove(camera.id());
            return;
        }
        slots.computeIfAbsent(camera.id(), id -> {
            Slot slot = new Slot(id);
            slot.reader.onAvailable(slot::unitQueued);
            return slot;
        });
    }

    /** Stops recording {@code camera}, finishing its open segment. */
    public void remove(CameraId camera) {
        Slot slot = slots.remove(camera);
        if (slot != null) {
            slot.stopping = true;
            slot.schedule();
        }
    }

    /** The bytes all recorders' queues may hold together, and hold now. */
    public QueueBudget queueBudget() {
        return queueBudget;
    }

    /** The off-heap memory the cameras' open fragments are built in. */
    public FragmentMemory fragmentMemory() {
        return fragmentMemory;
    }

    /** Index writes that failed for lack of space and wait to be made again. */
    public int pendingIndexWrites() {
        return retries.pending();
    }

    public List<RecorderStats> stats() {
        List<RecorderStats> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            RecorderCounters c = s.recorder.counters;
            out.add(new RecorderStats(s.recorder.camera(), s.recorder.state(), s.recorder.recording(), c.units.sum(),
                    c.droppedUnits.sum() + s.reader.dropped(), c.segments.sum(), c.bytes.sum(), c.gaps.sum(),
                    c.clockSteps.sum(), c.writeFailures.sum(), c.rotationsDeferred.sum()));
        }
        return out;
    }

    private int drains;

    /** On the ticker: schedules every camera with queued units, and once a second every camera for its idle check. */
    private void drainAll() {
        boolean tick = ++drains % DRAINS_PER_TICK == 0;
        if (tick) {
            try {
                gate.probe(); // a closed gate opens here once the volume has room again
                retries.retry();
            } catch (RuntimeException e) {
                LOG.warn("recording: checking the volume failed", e);
            }
        }
        for (Slot s : slots.values()) {
            if (tick) {
                s.tickDue = true;
            }
            if (tick || s.arrived.get() > 0) {
                s.schedule();
            }
        }
    }

    /** Stops every camera, finishing open segments (graceful shutdown: nothing is left to repair). */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (CameraId id : List.copyOf(slots.keySet())) {
            remove(id);
        }
        // Writers first: their last turns hand finished files to the closer, which must still take them.
        awaitShutdown(writers, "recording writers");
        awaitShutdown(closer, "recording closers");
    }

    private static void awaitShutdown(ExecutorService pool, String what) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{} did not finish within 30 s; open segments are repaired at next start", what);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /** One camera's recorder, its reader and its place in the writers' queue (at most once). */
    private final class Slot implements Runnable {
        final CameraRecorder recorder;
        final StreamReader reader;
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** Units queued since the writer last drained the reader. */
        final AtomicInteger arrived = new AtomicInteger();
        volatile boolean tickDue;
        volatile boolean stopping;
        private boolean stopped;
        /** The last turn stopped at {@link #MAX_UNITS_PER_TURN} with units still queued. */
        private boolean more;

        Slot(CameraId id) {
            this.recorder = new CameraRecorder(id, context, this::schedule);
            this.reader = hubs.hub(id).subscribe("recorder", MAX_QUEUED_UNITS, MAX_QUEUED_BYTES, queueBudget);
        }

        /** The reader's callback, on the ingest event loop: wakes a writer once per batch, not per unit. */
        void unitQueued() {
            if (arrived.incrementAndGet() >= BATCH_UNITS) {
                schedule();
            }
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false); // shutting down
                }
            }
        }

        @Override
        public void run() {
            try {
                if (stopped) {
                    return;
                }
                arrived.set(0);
                recorder.proceed();
                // A bounded batch per turn, so one busy camera cannot hold a writer thread from the others; none while
                // the recorder waits for its index row (the row's commit runs it again).
                more = !recorder.waiting();
                for (int i = 0; i < MAX_UNITS_PER_TURN && more; i++) {
                    if (recorder.waiting()) {
                        more = false;
                        break;
                    }
                    AccessUnit unit = reader.poll();
                    if (unit == null) {
                        more = false;
                        break;
                    }
                    recorder.accept(unit);
                }
                if (tickDue) {
                    tickDue = false;
                    recorder.tick();
                }
                if (stopping) {
                    stopped = true;
                    reader.close();
                    recorder.stop();
                }
            } catch (RuntimeException e) {
                LOG.error("camera {}: recorder failed", recorder.camera(), e);
            } finally {
                scheduled.set(false);
                if (!stopped && (recorder.proceedDue() || !recorder.waiting()
                        && (more || arrived.get() >= BATCH_UNITS || tickDue || stopping))) {
                    schedule();
                }
            }
        }
    }
}
