package io.xueliang.media;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that the queues of many {@link StreamReader}s may hold together, for readers of one kind whose number grows
 * with the cameras (one recorder per camera): a limit per reader alone lets a thousand of them that fall behind at
 * once (a disk that stalls for everyone) hold a thousand times that limit and exhaust the heap, while a shared limit
 * lets the one camera whose file is slow borrow what the others are not using. A reader may always queue one unit,
 * so that a keyframe larger than what is left still gets through; the limit is therefore exceeded by at most one unit
 * per reader.
 */
public final class QueueBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit bytes all the readers' queues may hold together */
    public QueueBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 byte, was " + limit);
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Bytes held now. */
    public long used() {
        return used.get();
    }

    /** Takes {@code bytes} if they fit under the limit. */
    boolean take(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /** Takes {@code bytes} whether or not they fit: a reader's one unit. */
    void force(long bytes) {
        used.addAndGet(bytes);
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }
}
