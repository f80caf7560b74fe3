package io.xueliang.media;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One reader's bounded queue on a {@link StreamHub}. When the queue is full, the reader drops
 * what is queued and then every unit up to the next video keyframe (audio included, so sound and
 * picture resume together), and counts what it dropped. Close it to leave the hub.
 */
public final class StreamReader implements AutoCloseable {
    private final StreamHub hub;
    private final String name;
    private final ArrayBlockingQueue<AccessUnit> queue;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder overflows = new LongAdder();
    private volatile boolean waitingForKeyframe = true;
    private volatile Runnable onAvailable = () -> { };
    private volatile boolean closed;

    StreamReader(StreamHub hub, String name, int capacity, long maxBytes) {
        this(hub, name, capacity, maxBytes, null);
    }

    StreamReader(StreamHub hub, String name, int capacity, long maxBytes, QueueBudget budget) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        this.hub = hub;
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    private final long maxBytes;
    /** Shared with readers of the same kind, or null; every queued byte is taken from it while queued. */
    private final QueueBudget budget;
    /** Payload bytes queued; bounded by {@link #maxBytes} (approximately: one unit may pass while another leaves). */
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();

    /** Called by the hub on the publishing thread. */
    void offer(AccessUnit unit) {
        if (closed) {
            return;
        }
        if (waitingForKeyframe) {
            if (!(unit.isVideo() && unit.isKeyframe())) {
                dropped.increment();
                return;
            }
            waitingForKeyframe = false;
        }
        boolean empty = queue.isEmpty();
        boolean tooManyBytes = queuedBytes.get() + unit.size() > maxBytes && !empty;
        boolean queued = !tooManyBytes && reserve(unit.size(), empty) && enqueue(unit);
        if (!queued) {
            overflows.increment();
            int lost = queue.size();
            queue.clear();
            long held = queuedBytes.getAndSet(0);
            if (budget != null) {
                budget.give(held);
            }
            dropped.add(lost + 1L);
            waitingForKeyframe = true;
            if (unit.isVideo() && unit.isKeyframe()) {
                // The unit that overflowed is itself a fresh start.
                dropped.decrement();
                waitingForKeyframe = false;
                reserve(unit.size(), true);
                enqueue(unit);
            } else {
                return;
            }
        }
        onAvailable.run();
    }

    /** Takes {@code bytes} from the shared budget, if any; a reader with nothing queued always may. */
    private boolean reserve(int bytes, boolean alone) {
        if (budget == null) {
            return true;
        }
        if (alone) {
            budget.force(bytes);
            return true;
        }
        return budget.take(bytes);
    }

    /** Queues a unit whose bytes are reserved; counted before it is offered, so that a poll never finds it uncounted. */
    private boolean enqueue(AccessUnit unit) {
        queuedBytes.addAndGet(unit.size());
        if (!queue.offer(unit)) {
            queuedBytes.addAndGet(-unit.size());
            if (budget != null) {
                budget.give(unit.size());
            }
            return false;
        }
        return true;
    }

    /**
     * Sets a callback run on the publisher's thread after each unit is queued; it must be cheap
     * and must not block (unpark a thread, schedule a task).
     */
    public void onAvailable(Runnable callback) {
        this.onAvailable = callback;
    }

    /** The next unit, or null when none is queued. */
    public AccessUnit poll() {
        AccessUnit unit = queue.poll();
        if (unit != null) {
            delivered.increment();
            release(unit);
        }
        return unit;
    }

    private void release(AccessUnit unit) {
        int size = unit.size();
        long before = queuedBytes.getAndUpdate(b -> Math.max(0, b - size));
        if (budget != null) {
            budget.give(Math.min(before, size)); // an overflow meanwhile gave the rest back already
        }
    }

    /** The next unit, waiting up to {@code timeout}; null when none came. */
    public AccessUnit poll(Duration timeout) throws InterruptedException {
        AccessUnit unit = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (unit != null) {
            delivered.increment();
            release(unit);
        }
        return unit;
    }

    public String name() {
        return name;
    }

    public CameraId camera() {
        return hub.camera();
    }

    public int queued() {
        return queue.size();
    }

    public long delivered() {
        return delivered.sum();
    }

    /** Units this reader lost by falling behind (or before its first keyframe). */
    public long dropped() {
        return dropped.sum();
    }

    /** How many times the queue overflowed. */
    public long overflows() {
        return overflows.sum();
    }

    @Override
    public void close() {
        closed = true;
        hub.remove(this);
        queue.clear();
        long held = queuedBytes.getAndSet(0);
        if (budget != null) {
            budget.give(held);
        }
    }
}
