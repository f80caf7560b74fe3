package io.xueliang.reads.store;

import io.xueliang.media.PlateRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the reads of the {@code plate-reads} topic into the {@link ReadStore}, in batches, losing none: a read is
 * accepted into a bounded queue (a full queue makes the bus's delivery wait, and so, further back, the publisher); one
 * thread writes what has queued as one batch, and a batch the store refuses (disk full, store closed for maintenance)
 * is written again, with growing pauses, until it is stored. A read delivered twice is stored once (the store's
 * insert is idempotent by id).
 */
public final class ReadRecorder implements Consumer<PlateRead>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadRecorder.class);
    /** Reads waiting to be written: 10 s of a 300-checkpoint county's rush hour, 1.5 MiB. */
    public static final int QUEUE_CAPACITY = 10_000;
    /** Reads written in one transaction. */
    public static final int MAX_BATCH = 1_000;
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** How long {@link #close()} waits for the queue to be written. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final ReadStore store;
    private final BlockingQueue<PlateRead> queue;
    private final Thread writer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile boolean closing;

    public ReadRecorder(ReadStore store) {
        this(store, QUEUE_CAPACITY);
    }

    ReadRecorder(ReadStore store, int capacity) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeLoop, "read-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /** On the bus's thread: waits while the queue is full rather than lose the read. */
    @Override
    public void accept(PlateRead read) {
        if (closing) {
            throw new IllegalStateException("the read recorder is closed; read " + read.id() + " not taken");
        }
        try {
            queue.put(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to queue read " + read.id(), e);
        }
    }

    /** Reads the store took as new. */
    public long stored() {
        return stored.get();
    }

    /** Reads the store already had (delivered again). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Batches the store refused and that were written again. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Reads waiting to be written. */
    public int queued() {
        return queue.size();
    }

    private void writeLoop() {
        List<PlateRead> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    PlateRead first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!batch.isEmpty() || !queue.isEmpty()) {
                    LOG.warn("read recorder stopped with {} read(s) not stored", batch.size() + queue.size());
                }
                return;
            }
        }
    }

    /** Writes the batch until the store takes it. */
    private void write(List<PlateRead> batch) throws InterruptedException {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                int fresh = store.insert(batch).get();
                stored.addAndGet(fresh);
                duplicates.addAndGet(batch.size() - fresh);
                return;
            } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
                failedWrites.incrementAndGet();
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                LOG.warn("{} plate read(s) not stored yet ({}); writing them again in {} ms", batch.size(),
                        cause.toString(), pause.toMillis());
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /** Writes what is queued (waiting up to 30 s for a store that refuses), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_WAIT.toMillis());
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
