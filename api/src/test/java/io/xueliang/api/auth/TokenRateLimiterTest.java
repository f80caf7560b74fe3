package io.xueliang.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T08:00:00Z"));

    @Test
    void aTokenGetsItsBurstThenItsRateAndOtherTokensAreUntouched() {
        TokenRateLimiter limiter = new TokenRateLimiter(clock, 20, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(1)).isZero();
        }
        assertThat(limiter.acquire(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(limiter.acquire(2)).isZero();
        clock.advance(Duration.ofMillis(50));
        assertThat(limiter.acquire(1)).isZero();
        assertThat(limiter.acquire(1)).isPositive();
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(1)).as("refilled to the burst, no more").isZero();
        }
        assertThat(limiter.acquire(1)).isPositive();
    }

    @Test
    void keepsABoundedNumberOfBuckets() {
        TokenRateLimiter limiter = new TokenRateLimiter(clock, 1, 1, 3);
        limiter.acquire(1);
        limiter.acquire(2);
        limiter.acquire(3);
        limiter.acquire(4); // drops token 1's bucket, least recently used
        assertThat(limiter.acquire(2)).isPositive();
        assertThat(limiter.acquire(1)).as("a dropped bucket comes back full").isZero();
    }
}
