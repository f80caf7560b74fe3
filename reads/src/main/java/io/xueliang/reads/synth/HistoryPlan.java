package io.xueliang.reads.synth;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What history to generate. The same plan gives the same reads, byte for byte.
 *
 * @param seed    the random seed
 * @param cameras checkpoint cameras, 6-{@link RoadGraph#MAX_CAMERAS}
 * @param start   the first day's local midnight is the day {@code start} falls on in {@code zone}
 * @param days    days of history, 7-{@link #MAX_DAYS} (the planted vehicles need a week)
 * @param reads   about how many background reads (the planted ones come on top), 0-{@link #MAX_READS}
 * @param zone    the county's time zone: commuting hours and nights are local
 */
public record HistoryPlan(long seed, int cameras, Instant start, int days, long reads, ZoneId zone) {
    /** Ten years: what a retention setting could keep. */
    public static final int MAX_DAYS = 3_660;
    /** A billion reads: ten times the benchmark's target. */
    public static final long MAX_READS = 1_000_000_000L;
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public HistoryPlan {
        if (cameras < 6 || cameras > RoadGraph.MAX_CAMERAS) {
            throw new IllegalArgumentException("cameras must be 6-" + RoadGraph.MAX_CAMERAS + ", got " + cameras);
        }
        if (days < 7 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 7-" + MAX_DAYS + ", got " + days);
        }
        if (reads < 0 || reads > MAX_READS) {
            throw new IllegalArgumentException("reads must be 0-" + MAX_READS + ", got " + reads);
        }
    }
}
