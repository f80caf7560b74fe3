package io.xueliang.ingest.supervisor;

import io.xueliang.media.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Paces connection attempts shared by all cameras: one every {@code 1/perSecond} s at most, so that
 * no second, wherever it starts, holds more than {@code perSecond} of them, the rest waiting their
 * turn first come, first served. A token bucket of one token (of one millisecond's worth above 1,000
 * a second): it keeps no burst, since 1,000 cameras coming back after an outage are exactly when a
 * burst would hit the cameras and switches hardest.
 * Runs on the supervisor thread only.
 */
final class ConnectRateLimiter {
    private final Scheduler scheduler;
    private final double perNano;
    private final double capacity;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private double tokens;
    private long refilledAt;
    private Scheduler.Cancellable drain;

    ConnectRateLimiter(Scheduler scheduler, int perSecond) {
        this.scheduler = scheduler;
        this.perNano = perSecond / 1e9;
        // The drain timer runs at most every millisecond: above 1,000 attempts a second, a few per millisecond.
        this.capacity = Math.max(1, Math.ceil(perSecond / 1000.0));
        this.tokens = capacity;
        this.refilledAt = scheduler.nanoTime();
    }

    /** Runs {@code attempt} now if a token is free, else when its turn comes. */
    void acquire(Runnable attempt) {
        waiting.addLast(attempt);
        drain();
    }

    /** Forgets a waiting attempt (its camera was stopped). */
    void cancel(Runnable attempt) {
        waiting.remove(attempt);
    }

    int waiting() {
        return waiting.size();
    }

    private void drain() {
        refill();
        while (!waiting.isEmpty() && tokens >= 1) {
            tokens -= 1;
            waiting.removeFirst().run();
        }
        if (!waiting.isEmpty() && drain == null) {
            long wait = (long) Math.ceil((1 - tokens) / perNano);
            drain = scheduler.schedule(Duration.ofNanos(Math.max(wait, 1_000_000)), () -> {
                drain = null;
                drain();
            });
        }
    }

    private void refill() {
        long now = scheduler.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
