package io.xueliang.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds each token (session or API token, by id) to {@code perSecond} requests a second on average with bursts of
 * {@code burst}: a token bucket. A request beyond it is answered 429 before any work is done or any audit record is
 * written, so one token, however scripted, cannot fill the store or the audit trail (15 s of wrk with one token wrote
 * 83,000 audit rows before this). At most {@code maxTokens} buckets are kept, least recently used dropped first (a
 * dropped bucket comes back full, which costs an attacker nothing it could not get with a new token anyway).
 * Thread-safe.
 */
public final class TokenRateLimiter {
    private final InstantSource clock;
    private final double perNano;
    private final double burst;
    private final Map<Long, Bucket> buckets;

    public TokenRateLimiter(InstantSource clock, int perSecond, int burst, int maxTokens) {
        if (perSecond < 1 || burst < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("rate, burst and size must be positive");
        }
        this.clock = clock;
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Bucket> eldest) {
                return size() > maxTokens;
            }
        };
    }

    /** Takes one request from the token's bucket: {@link Duration#ZERO} when it may go, else how long until it may. */
    public synchronized Duration acquire(long tokenId) {
        long now = nanos(clock.instant());
        Bucket b = buckets.computeIfAbsent(tokenId, id -> new Bucket(burst, now));
        b.level = Math.min(burst, b.level + (now - b.at) * perNano);
        b.at = now;
        if (b.level >= 1) {
            b.level -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - b.level) / perNano));
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static final class Bucket {
        double level;
        long at;

        Bucket(double level, long at) {
            this.level = level;
            this.at = at;
        }
    }
}
