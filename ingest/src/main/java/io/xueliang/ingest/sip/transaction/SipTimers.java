package io.xueliang.ingest.sip.transaction;

import java.time.Duration;

/**
 * The transaction timers of RFC 3261 §17 (table 4 in appendix A).
 * <pre>
 *  T1 = 500 ms   round-trip estimate: first retransmission; timers B, F, H, J, L = 64*T1 = 32 s
 *  T2 = 4 s      cap of the doubling retransmission interval of non-INVITE requests (E) and INVITE answers (G)
 *  T4 = 5 s      how long a message may stay in the network: timers I and K (UDP only)
 *  Timer D = 32 s     a client keeps re-ACKing retransmitted INVITE failures (UDP only)
 * </pre>
 *
 * @param inviteProceeding how long an INVITE client transaction waits for a final answer after a provisional
 *                         one. RFC 3261 waits for ever (only proxies have Timer C, 3 min); a GB device that sends
 *                         100 Trying and dies would then hold a live-view request for ever.
 */
public record SipTimers(Duration t1, Duration t2, Duration t4, Duration timerD, Duration inviteProceeding) {
    public static final SipTimers DEFAULTS = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofSeconds(32), Duration.ofMinutes(3));

    public SipTimers {
        for (Duration d : new Duration[] {t1, t2, t4, timerD, inviteProceeding}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SIP timers must be positive: " + d);
            }
        }
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("T2 must be at least T1: " + t2 + " < " + t1);
        }
    }

    /** 64*T1: timers B, F, H, J and L. */
    public Duration transactionTimeout() {
        return t1.multipliedBy(64);
    }
}
