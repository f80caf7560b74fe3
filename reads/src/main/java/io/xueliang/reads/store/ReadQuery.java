package io.xueliang.reads.store;

import io.xueliang.media.PlateRead;
import java.time.Instant;

/**
 * A search of the read store: reads in {@code [from, to)} at the cameras asked for, newest first.
 *
 * @param plate     the plate pattern, or null for any plate
 * @param from      first instant, inclusive
 * @param to        last instant, exclusive
 * @param cameras   the cameras searched: those asked for, already narrowed to what the user may see
 * @param colour    plate colour, or null for any
 * @param direction direction of travel, or null for any
 * @param limit     most reads on the page; 1-{@link #MAX_LIMIT}
 * @param after     the previous page's cursor, or null for the first page
 */
public record ReadQuery(PlatePattern plate, Instant from, Instant to, CameraSet cameras, String colour,
        PlateRead.Direction direction, int limit, ReadCursor after) {
    /** The most reads one page holds. */
    public static final int MAX_LIMIT = 1000;

    public ReadQuery {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
    }
}
