package io.xueliang.reads.store;

import java.time.Instant;

/**
 * One plate's reads in a window, counted.
 *
 * @param plate   the normalised plate
 * @param reads   its reads
 * @param inBand  those whose local time of day falls in the query's {@link TimeBand} (0 without one)
 * @param cameras distinct cameras that read it
 * @param first   its first read
 * @param last    its last read
 */
public record PlateTally(String plate, int reads, int inBand, int cameras, Instant first, Instant last) {
}
