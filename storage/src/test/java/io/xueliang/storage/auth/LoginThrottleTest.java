package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.defaults(clock);

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.waitBefore(user, address)).isZero();
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresForOneUserMakeThatUserWaitTheRestOfTheWindow() {
        fail(4, "li.wei", "10.0.0.1");
        clock.advance(Duration.ofMinutes(5));
        fail(1, "li.wei", "10.0.0.2");
        // Blocked from any address, until the first failure is 15 minutes old.
        assertThat(throttle.waitBefore("li.wei", "10.0.0.9")).isEqualTo(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(throttle.waitBefore("li.wei", "10.0.0.9")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("li.wei", "10.0.0.9")).isZero();
    }

    @Test
    void hammeringOneAccountDoesNotLockOutOtherAccounts() {
        fail(5, "li.wei", "10.0.0.1");
        assertThat(throttle.waitBefore("li.wei", "192.168.1.5")).isPositive();
        assertThat(throttle.waitBefore("zhang", "192.168.1.5")).isZero();
        // Nor other accounts from the attacker's own address, until that address reaches its own limit.
        assertThat(throttle.waitBefore("zhang", "10.0.0.1")).isZero();
    }

    @Test
    void oneAddressCannotSprayManyAccounts() {
        for (int i = 0; i < 20; i++) {
            fail(1, "user" + i, "10.0.0.1");
        }
        assertThat(throttle.waitBefore("user99", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("user99", "10.0.0.2")).isZero();
        assertThat(throttle.waitBefore("user1", "10.0.0.2")).isZero();
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        fail(4, "li.wei", "10.0.0.1");
        for (int i = 0; i < 16; i++) {
            fail(1, "user" + i, "10.0.0.1");
        }
        throttle.succeeded("li.wei", "10.0.0.1");
        fail(1, "li.wei", "10.0.0.3");
        assertThat(throttle.waitBefore("li.wei", "10.0.0.3")).isZero();
        // The address has 20 failures in the window whatever account succeeded.
        assertThat(throttle.waitBefore("li.wei", "10.0.0.1")).isPositive();
    }

    @Test
    void remembersABoundedNumberOfKeys() {
        LoginThrottle small = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), 100);
        for (int i = 0; i < 1000; i++) {
            small.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(200);
    }

    @Test
    void expiredEntriesAreDroppedFirstWhenFull() {
        LoginThrottle small = new LoginThrottle(clock, 2, 100, Duration.ofMinutes(15), 3);
        small.failed("old", "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        small.failed("a", "10.0.0.1");
        small.failed("a", "10.0.0.1");
        small.failed("b", "10.0.0.1");
        small.failed("c", "10.0.0.1");
        // 'old' went, not 'a', which is still blocked.
        assertThat(small.waitBefore("a", "10.0.0.2")).isPositive();
    }
}
