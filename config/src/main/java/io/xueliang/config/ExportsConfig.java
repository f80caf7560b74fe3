package io.xueliang.config;

import java.time.Duration;

/**
 * Evidence exports (DESIGN.md §7): how many run at once, how much one user may export, and how long finished packages
 * are kept. Exports also keep the recording volume's free-space floor ({@code recording.minFreePercent}): one that
 * would take free space below it waits, status {@code paused}.
 *
 * @param maxConcurrent exports cut and packaged at once; more wait, status {@code queued}. Each reads recordings and
 *        writes a package as fast as the disk allows, so a few saturate it. 1-16
 * @param perUserPerDay exports one user may ask for in 24 hours; more are refused (429). 1-10000
 * @param perUserGiBPerDay package bytes, in GiB, one user's exports of the last 24 hours may add up to; once reached,
 *        more are refused (429). 1-1048576
 * @param expireAfter finished packages are deleted this long after they finished (status {@code expired}); the
 *        footage itself is untouched. 1h-8760h
 */
public record ExportsConfig(int maxConcurrent, int perUserPerDay, int perUserGiBPerDay, Duration expireAfter) {
    public static final int DEFAULT_MAX_CONCURRENT = 2;
    public static final int DEFAULT_PER_USER_PER_DAY = 20;
    public static final int DEFAULT_PER_USER_GIB_PER_DAY = 200;
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofDays(30);

    public ExportsConfig {
        Require.between("maxConcurrent", maxConcurrent, 1, 16);
        Require.between("perUserPerDay", perUserPerDay, 1, 10_000);
        Require.between("perUserGiBPerDay", perUserGiBPerDay, 1, 1024 * 1024);
        Require.between("expireAfter", expireAfter, Duration.ofHours(1), Duration.ofHours(8760));
    }

    public static ExportsConfig defaults() {
        return new ExportsConfig(DEFAULT_MAX_CONCURRENT, DEFAULT_PER_USER_PER_DAY, DEFAULT_PER_USER_GIB_PER_DAY,
                DEFAULT_EXPIRE_AFTER);
    }

    /** {@link #perUserGiBPerDay} in bytes. */
    public long perUserBytesPerDay() {
        return perUserGiBPerDay * 1024L * 1024 * 1024;
    }
}
