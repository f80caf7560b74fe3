package io.xueliang.sql;

import java.time.Duration;

/**
 * Limits of the embedded store.
 *
 * @param writeQueueLimit writes that may wait for the writer thread; bounds memory when the disk falls behind,
 *        beyond it {@link EmbeddedDatabase#submit} fails with {@link WriteQueueFullException}
 * @param maxBatch most writes committed in one transaction; bounds how long one transaction holds the WAL
 *        and how much work a failed commit throws away
 * @param readers read-only connections in the pool; WAL lets them all read beside the writer
 * @param busyTimeout how long a connection waits for a lock (a checkpoint, another process) before failing,
 *        and how long a read waits for a free pooled connection
 * @param syncEveryCommit {@code synchronous=FULL} instead of {@code NORMAL}: see {@link EmbeddedDatabase}
 */
public record EmbeddedDatabaseSettings(int writeQueueLimit, int maxBatch, int readers, Duration busyTimeout,
        boolean syncEveryCommit) {

    public EmbeddedDatabaseSettings {
        if (writeQueueLimit < 1) {
            throw new IllegalArgumentException("writeQueueLimit must be >= 1, was " + writeQueueLimit);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be >= 1, was " + readers);
        }
        if (busyTimeout == null || busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE
                    + " ms, was " + busyTimeout);
        }
    }

    public static EmbeddedDatabaseSettings defaults() {
        return new EmbeddedDatabaseSettings(10_000, 1_000, 4, Duration.ofSeconds(5), false);
    }

    public EmbeddedDatabaseSettings withWriteQueueLimit(int limit) {
        return new EmbeddedDatabaseSettings(limit, maxBatch, readers, busyTimeout, syncEveryCommit);
    }

    public EmbeddedDatabaseSettings withReaders(int count) {
        return new EmbeddedDatabaseSettings(writeQueueLimit, maxBatch, count, busyTimeout, syncEveryCommit);
    }

    public EmbeddedDatabaseSettings withMaxBatch(int batch) {
        return new EmbeddedDatabaseSettings(writeQueueLimit, batch, readers, busyTimeout, syncEveryCommit);
    }
}
