package io.xueliang.storage.blob;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (the AWS architecture blog's "full jitter"): after the n-th consecutive failure
 * the wait is drawn uniformly from [min, min(max, min * 2^(n-1))]. Every node of a deployment loses S3 at the same
 * moment; jitter keeps them from coming back in lockstep.
 */
final class UploadBackoff {
    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    UploadBackoff(Duration min, Duration max, RandomGenerator random) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    Duration delay(int failures) {
        long ceiling = bound(failures).toNanos();
        return Duration.ofNanos(ceiling <= minNanos ? minNanos : random.nextLong(minNanos, ceiling + 1));
    }

    /** The largest wait {@link #delay} can give after {@code failures} failures. */
    Duration bound(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 62));
        long ceiling = doublings >= Long.numberOfLeadingZeros(minNanos) - 1 ? Long.MAX_VALUE : minNanos << doublings;
        return Duration.ofNanos(Math.min(maxNanos, ceiling));
    }
}
