package io.xueliang.reads.analysis;

import java.time.Duration;
import java.time.Instant;

/**
 * How much one analysis may ask of the store. Every analysis reads a window of reads; the limits keep one request
 * from scanning a year of a county on a whim or holding a million findings in memory.
 *
 * @param maxWindow       longest window of the windowed analyses (companions, first-seen, night, collision,
 *                        frequent, boundary): a quarter by default, three months of a county's reads
 * @param maxScanWindow   longest window of the cloned-plate scan, which runs as a job over the whole store: a year
 * @param maxLookBack     longest look-back of first-seen: a year
 * @param maxGap          largest Δt of companions: beyond half an hour "together" means little and every target
 *                        sighting pulls a whole rush hour
 * @param maxResults      most findings kept: a page-through list, not an export
 * @param maxCandidates   most distinct plates an analysis holds while it works (first-seen's and a collision's
 *                        candidates, companions' tally, cloned's last sightings): bounds its memory
 * @param maxTargetSightings most sightings of a companions target: each costs one query
 * @param maxPairs        most (area, window) pairs of a region collision
 */
public record AnalysisLimits(Duration maxWindow, Duration maxScanWindow, Duration maxLookBack, Duration maxGap,
        int maxResults, int maxCandidates, int maxTargetSightings, int maxPairs) {
    /** Most findings on one page. */
    public static final int MAX_PAGE = 1_000;

    public AnalysisLimits {
        if (maxResults < 1 || maxCandidates < 1 || maxTargetSightings < 1 || maxPairs < 2) {
            throw new IllegalArgumentException("analysis limits must be positive (pairs at least 2)");
        }
    }

    public static AnalysisLimits defaults() {
        return new AnalysisLimits(Duration.ofDays(92), Duration.ofDays(366), Duration.ofDays(366),
                Duration.ofMinutes(30), 10_000, 2_000_000, 10_000, 8);
    }

    /** Checks a window: {@code from} before {@code to}, no longer than {@code max}. */
    static void window(Instant from, Instant to, Duration max) {
        if (from == null) {
            throw new IllegalArgumentException("from: required");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: required");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to: must be after from (" + from + "), got " + to);
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(max) > 0) {
            throw new IllegalArgumentException("to: the window from " + from + " to " + to + " is "
                    + days(length) + ", longer than the most allowed, " + days(max));
        }
    }

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0
                ? d.toDays() + " days" : d.toString();
    }

    static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be " + min + "-" + max + ", got " + value);
        }
    }
}
