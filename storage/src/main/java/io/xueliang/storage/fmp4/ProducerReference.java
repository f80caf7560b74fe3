package io.xueliang.storage.fmp4;

import java.time.Instant;

/**
 * A {@code prft} box (ISO/IEC 14496-12 §8.16.5): the wall-clock instant at which the sample of {@code trackId} with
 * decode time {@code mediaTime} was captured. Written before every fragment, so each fragment of a recording says
 * by itself when it was filmed, even after a crash cut the file short.
 */
public record ProducerReference(int trackId, Instant wallClock, long mediaTime) {
    /** Seconds from 1900-01-01 (the NTP epoch) to 1970-01-01. */
    static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    /** The wall clock as a 64-bit NTP timestamp (RFC 5905: seconds since 1900 and a 32-bit fraction). */
    public long ntpTimestamp() {
        long seconds = wallClock.getEpochSecond() + NTP_EPOCH_OFFSET;
        long fraction = ((long) wallClock.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    static Instant fromNtp(long ntp) {
        long seconds = (ntp >>> 32) - NTP_EPOCH_OFFSET;
        long nanos = ((ntp & 0xffffffffL) * 1_000_000_000L + (1L << 31)) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
