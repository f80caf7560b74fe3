package io.xueliang.ingest.supervisor;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure the wait is drawn
 * uniformly from [min, min(max, min * 2^(n-1))]. Jitter spreads the retries of cameras that
 * failed together (a switch reboot) instead of bringing them back in lockstep.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long ceiling = minNanos << Math.min(doublings, Long.numberOfLeadingZeros(minNanos) - 1);
        ceiling = Math.min(maxNanos, ceiling);
        long nanos = ceiling <= minNanos ? minNanos : random.nextLong(minNanos, ceiling + 1);
        return Duration.ofNanos(nanos);
    }

    /** The largest wait {@link #delay} can give after {@code failures} failures. */
    Duration bound(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long ceiling = minNanos << Math.min(doublings, Long.numberOfLeadingZeros(minNanos) - 1);
        return Duration.ofNanos(Math.min(maxNanos, ceiling));
    }
}
