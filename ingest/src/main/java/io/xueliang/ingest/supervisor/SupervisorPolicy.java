package io.xueliang.ingest.supervisor;

import java.time.Duration;

/**
 * How hard the supervisor tries.
 *
 * @param backoffMin the shortest wait before reconnecting, and the base of the exponential
 * @param backoffMax the longest wait: a camera that stays dead is retried this often
 * @param connectAttemptsPerSecond global cap on new connection attempts, so that the end of a
 *     network-wide outage does not become a reconnect storm against cameras and switches
 * @param noDataTimeout a session that delivers nothing for this long is ended and retried
 * @param stableAfter a session that lived this long resets the backoff to its minimum
 */
public record SupervisorPolicy(
        Duration backoffMin,
        Duration backoffMax,
        int connectAttemptsPerSecond,
        Duration noDataTimeout,
        Duration stableAfter) {

    public SupervisorPolicy {
        if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("need 0 < backoffMin <= backoffMax");
        }
        if (connectAttemptsPerSecond < 1) {
            throw new IllegalArgumentException("connectAttemptsPerSecond must be at least 1");
        }
    }

    public static SupervisorPolicy defaults() {
        return new SupervisorPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 50,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
