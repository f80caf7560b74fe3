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
    }

    private final long maxBytes;
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
        boolean tooManyBytes = queuedBytes.get() + unit.size() > maxBytes && !queue.isEmpty();
        boolean queued = !tooManyBytes && queue.offer(unit);
        if (queued) {
            queuedBytes.addAndGet(unit.size());
        } else {
            overflows.increment();
            int lost = queue.size();
            queue.clear();
            queuedBytes.set(0);
            dropped.add(lost + 1L);
            waitingForKeyframe = true;
            if (unit.isVideo() && unit.isKeyframe()) {
                // The unit that overflowed is itself a fresh start.
                dropped.decrement();
                waitingForKeyframe = false;
                queue.offer(unit);
                queuedBytes.addAndGet(unit.size());
            } else {
                return;
            }
        }
        onAvailable.run();
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
        queuedBytes.updateAndGet(b -> Math.max(0, b - size));
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
    }
}
