package io.xueliang.storage.recording;

import io.xueliang.sql.WriteQueueFullException;
import io.xueliang.sql.volume.DiskFull;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Index writes that failed for a reason that passes (the volume full, the store's queue full), kept to be made again
 * until they succeed: the row of a segment cut back after a failed write must end up FINISHED (or gone) while the
 * server runs, not only at the next start's repair. Other failures are logged and dropped; the repair at start is
 * their remedy. Thread-safe.
 */
final class IndexRetries {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRetries.class);
    /** Writes kept at most: one or two per camera whose segment was cut by a full disk. */
    static final int MAX_PENDING = 100_000;

    private record Write(String what, Supplier<CompletableFuture<?>> write) {
    }

    private final Queue<Write> pending = new ConcurrentLinkedQueue<>();

    /** Makes {@code write} now, and again later if it fails for a reason that passes; yields the first attempt. */
    CompletableFuture<?> submit(String what, Supplier<CompletableFuture<?>> write) {
        return attempt(new Write(what, write));
    }

    /** Makes every kept write again; those that fail once more are kept for the next call. */
    void retry() {
        for (int n = pending.size(); n > 0; n--) {
            Write w = pending.poll();
            if (w == null) {
                return;
            }
            attempt(w);
        }
    }

    int pending() {
        return pending.size();
    }

    private CompletableFuture<?> attempt(Write w) {
        CompletableFuture<?> f;
        try {
            f = w.write().get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (e == null) {
                return;
            }
            if ((DiskFull.causedBy(e) || e.getCause() instanceof WriteQueueFullException
                    || e instanceof WriteQueueFullException) && pending.size() < MAX_PENDING) {
                pending.add(w);
            } else {
                LOG.warn("index not updated ({}); the repair at the next start will see to it", w.what(), e);
            }
        });
        return f;
    }
}
