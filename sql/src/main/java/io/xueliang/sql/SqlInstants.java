package io.xueliang.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How the embedded store keeps instants: an INTEGER of microseconds since the epoch (UTC), so that times sort and
 * compare in SQL and round-trip to the microsecond. Columns holding them end in {@code _micros}.
 */
public final class SqlInstants {
    private SqlInstants() {
    }

    /** The instant in microseconds, truncating below; fails beyond ±292,000 years rather than wrapping. */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** {@code at} truncated to what the store keeps. */
    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
