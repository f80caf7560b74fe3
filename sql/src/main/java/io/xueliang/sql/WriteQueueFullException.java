package io.xueliang.sql;

/**
 * The writer's queue holds {@link #limit()} writes already: the disk cannot keep up. Failing fast keeps memory bounded
 * and tells the caller (for the API, a 503) instead of letting requests pile up behind the store.
 */
public final class WriteQueueFullException extends RuntimeException {
    private final int limit;

    public WriteQueueFullException(int limit) {
        super("write queue full (" + limit + " writes waiting)");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
