package io.xueliang.reads.store;

import java.time.ZoneOffset;

/**
 * Hours of the local day, as "night" is: from {@code startSecond} of the day up to {@code endSecond}, wrapping past
 * midnight when the start is the later ({@code 22:00-05:00}).
 *
 * @param offset      the local time's offset from UTC (a zone without summer time keeps one all year; China's does)
 * @param startSecond first second of the day in the band, 0-86399
 * @param endSecond   first second of the day after the band, 0-86399, not {@code startSecond}
 */
public record TimeBand(ZoneOffset offset, int startSecond, int endSecond) {
    public TimeBand {
        if (startSecond < 0 || startSecond >= 86_400 || endSecond < 0 || endSecond >= 86_400) {
            throw new IllegalArgumentException("a time band's ends are seconds of a day, got " + startSecond + "-"
                    + endSecond);
        }
        if (startSecond == endSecond) {
            throw new IllegalArgumentException("a time band from " + startSecond + " to the same second is empty");
        }
    }

    /** Whether {@code secondOfDay} (local) is in the band. */
    public boolean contains(int secondOfDay) {
        return startSecond < endSecond
                ? secondOfDay >= startSecond && secondOfDay < endSecond
                : secondOfDay >= startSecond || secondOfDay < endSecond;
    }
}
