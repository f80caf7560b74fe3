package io.xueliang.reads.watch;

/** A change that would take the lists past a configured limit ({@code reads.watchlists.maxLists}, {@code maxEntries}). */
public final class WatchlistLimitException extends RuntimeException {
    private final String limit;

    public WatchlistLimitException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The configuration key of the limit reached. */
    public String limit() {
        return limit;
    }
}
