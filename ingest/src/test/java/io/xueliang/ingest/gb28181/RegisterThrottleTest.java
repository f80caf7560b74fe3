package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RegisterThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void anAddressGetsAMinutesWorthAtOnceThenItsRate() {
        RegisterThrottle throttle = new RegisterThrottle(60, 100, now::get);
        for (int i = 0; i < 60; i++) {
            assertThat(throttle.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(throttle.tryAcquire("10.0.0.1")).isFalse();
        assertThat(throttle.tryAcquire("10.0.0.2")).as("another address has its own bucket").isTrue();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThat(throttle.tryAcquire("10.0.0.1")).as("not yet a second").isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(throttle.tryAcquire("10.0.0.1")).isTrue();
        assertThat(throttle.dropped()).isEqualTo(2);
    }

    @Test
    void aFloodFromForgedAddressesIsRememberedOnlyUpToTheLimit() {
        RegisterThrottle throttle = new RegisterThrottle(1, 1000, now::get);
        for (int i = 0; i < 100_000; i++) {
            throttle.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(throttle.addresses()).isEqualTo(1000);
    }
}
