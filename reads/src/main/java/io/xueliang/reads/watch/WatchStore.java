package io.xueliang.reads.watch;

import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.RetainedRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Watch lists and their alerts, kept beside the reads ({@code sqlite.SqliteWatchStore} in {@code reads.db}). Its
 * retained rows ({@link RetainedRows}) are the alerts, by their camera and their read's time. Every method blocks: call
 * from worker threads.
 */
public interface WatchStore extends RetainedRows {
    /** Stores a new list ({@code list.id()} is ignored) and answers it with its id. */
    Watchlist create(Watchlist list);

    /** Replaces the list with {@code list.id()}, entries included; empty when there is none. */
    Optional<Watchlist> replace(Watchlist list);

    /** Deletes a list (its alerts stay); whether there was one. */
    boolean delete(long id);

    Optional<Watchlist> get(long id);

    /** Every list, expired ones included, by id. */
    List<Watchlist> all();

    /**
     * Stores an alert unless one for the same read and list is stored already.
     *
     * @return the alert with its id when new; empty for a read delivered again
     */
    Optional<PlateAlert> raise(PlateAlert alert);

    Optional<PlateAlert> alert(long id);

    /** A page of alerts, newest first. */
    List<PlateAlert> alerts(AlertQuery query);

    /** Up to {@code limit} alerts after {@code afterId}, oldest first, at {@code cameras}: what a stream resumes with. */
    List<PlateAlert> alertsAfter(long afterId, CameraSet cameras, int limit);

    /**
     * Acknowledges an open alert.
     *
     * @return the alert as acknowledged; empty when there is no such alert or it was acknowledged already
     */
    Optional<PlateAlert> acknowledge(long id, String by, Instant at, String note);
}
