package io.xueliang.storage.blob;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BlobUploader} paces itself.
 *
 * @param batchSize files taken from the queue per round; bounds the memory of one round
 * @param idleInterval how long to wait before looking at the queue again when it was empty (a finished segment also
 *        wakes the uploader at once)
 * @param backoffMin the wait after the first failed round; each further failure doubles the ceiling
 * @param backoffMax the largest wait between rounds while the store is away
 */
public record UploadPolicy(int batchSize, Duration idleInterval, Duration backoffMin, Duration backoffMax) {
    public UploadPolicy {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 1000, got " + batchSize);
        }
        Objects.requireNonNull(idleInterval, "idleInterval");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (idleInterval.isNegative() || idleInterval.isZero() || backoffMin.isNegative() || backoffMin.isZero()) {
            throw new IllegalArgumentException("idleInterval and backoffMin must be positive");
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax must be at least backoffMin");
        }
    }

    /** 32 files a round, a look every 5 s when idle, backoff 1 s doubling to 60 s. */
    public static UploadPolicy defaults() {
        return new UploadPolicy(32, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }
}
