package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Every plate read, kept once by its id (DESIGN.md §9). Embedded SQLite by default ({@code SqliteReadStore}); the
 * schema and queries are plain SQL that PostgreSQL takes too, for the cluster's implementation. A read's time is kept
 * to the microsecond and its character confidences to the thousandth. Methods other than {@link #insert} block: call
 * them from worker threads.
 */
public interface ReadStore extends AutoCloseable {
    /** Most plates one {@link #platesSeen} call takes: one statement's parameter, kept small. */
    int MAX_PLATES_SEEN = 1_000;

    /**
     * The most plates {@link #platesSeen} and {@link #searchPlates} take at once: each is an index probe, and a fuzzy
     * search's candidates stay below it.
     */
    int MAX_PLATES = 20_000;

    /**
     * Stores the reads not stored yet; a read whose id is already stored is left as it is.
     *
     * @return completes, once they are durable, with how many were new; fails when the store could not write them
     *         (nothing of the batch is stored then)
     */
    CompletableFuture<Integer> insert(List<PlateRead> reads);

    /** The read with this id, if stored. */
    Optional<StoredRead> get(UUID id);

    /** A page of reads matching {@code query}, newest first. */
    ReadPage search(ReadQuery query);

    /**
     * A page of the reads of any of {@code plates} (normalised) that match the rest of {@code query} (whose plate
     * pattern must be null), newest first, paged as {@link #search} pages.
     *
     * @throws IllegalArgumentException with more than {@link #MAX_PLATES} plates
     */
    ReadPage searchPlates(Collection<String> plates, ReadQuery query);

    /**
     * Which of {@code plates} (normalised) have a read matching the rest of {@code query} (whose plate pattern must be
     * null; its limit and cursor are ignored): where a fuzzy search finds its candidates.
     *
     * @throws IllegalArgumentException with more than {@link #MAX_PLATES} plates
     */
    Set<String> platesSeen(Collection<String> plates, ReadQuery query);

    /**
     * A plate's reads in {@code [from, to)} at {@code cameras}, oldest first, as sightings: what a trajectory and
     * companion search need of the target, from the plate index alone.
     *
     * @param plate the normalised plate
     * @param limit the most returned; the caller says when a trajectory was cut
     */
    List<PlateSighting> sightings(String plate, Instant from, Instant to, CameraSet cameras, int limit);

    /**
     * Streams the passes in {@code [from, to)} at {@code cameras} to {@code sink} in {@code order}, until the sink
     * answers false: what analyses scan. The sink runs on the calling thread while the store reads; it must not call
     * the store.
     */
    void passes(Instant from, Instant to, CameraSet cameras, Pass.Order order, Predicate<Pass> sink);

    /**
     * Streams, in plate order, a tally of each plate with at least {@code minReads} reads in {@code [from, to)} at
     * {@code cameras}, until the sink answers false. The sink must not call the store.
     *
     * @param band the hours {@link PlateTally#inBand()} counts, or null
     */
    void tally(Instant from, Instant to, CameraSet cameras, TimeBand band, int minReads, Predicate<PlateTally> sink);

    /**
     * Which of {@code plates} (normalised; at most {@link #MAX_PLATES_SEEN}) have a read in {@code [from, to)} at
     * {@code cameras}.
     */
    Set<String> platesSeen(Collection<String> plates, Instant from, Instant to, CameraSet cameras);

    /**
     * Deletes at most {@code limit} of {@code camera}'s reads older than {@code before}, except those in
     * {@code held} ranges.
     *
     * @return how many were deleted: fewer than {@code limit} when none are left to delete
     */
    int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit);

    /** The cameras that have reads older than {@code before}: what retention must look at. */
    List<CameraId> camerasWithReadsBefore(Instant before);

    /** How many reads are stored. */
    long count();

    @Override
    void close();
}
