package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.storage.auth.LoginThrottle.Decision;
import io.xueliang.storage.auth.LoginThrottle.Go;
import io.xueliang.storage.auth.LoginThrottle.Limit;
import io.xueliang.storage.auth.LoginThrottle.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.defaults(clock);

    private LoginThrottle.Attempt go(String user, String address) {
        Decision d = throttle.begin(user, address);
        assertThat(d).as(user + " from " + address).isInstanceOf(Go.class);
        return ((Go) d).attempt();
    }

    private Wait refused(String user, String address) {
        Decision d = throttle.begin(user, address);
        assertThat(d).as(user + " from " + address).isInstanceOf(Wait.class);
        return (Wait) d;
    }

    private void fail(String user, String address) {
        throttle.failed(go(user, address));
    }

    private void succeed(String user, String address) {
        throttle.succeeded(go(user, address));
    }

    @Test
    void aPairTriesOneAtATimeSoParallelLoginsCheckOnePassword() throws Exception {
        int parallel = 150;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Decision>> decisions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < parallel; i++) {
                decisions.add(pool.submit(() -> {
                    start.await();
                    return throttle.begin("admin", "10.0.0.1");
                }));
            }
            start.countDown();
            int going = 0;
            for (Future<Decision> d : decisions) {
                going += d.get() instanceof Go ? 1 : 0;
            }
            assertThat(going).as("reserved before hashing: one attempt at a time per pair").isEqualTo(1);
        }
        Wait again = refused("admin", "10.0.0.1");
        assertThat(again.limit()).isEqualTo(Limit.PAIR);
        assertThat(again.first()).as("only the first refusal since the attempt is worth a record").isFalse();
    }

    @Test
    void eachFailureInARowDoublesThePairsWait() {
        fail("li.wei", "10.0.0.1");
        Wait w = refused("li.wei", "10.0.0.1");
        assertThat(w.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(w.first()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        fail("li.wei", "10.0.0.1");
        assertThat(refused("li.wei", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        fail("li.wei", "10.0.0.1");
        assertThat(refused("li.wei", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.delayAfter(30)).as("never beyond the window").isEqualTo(Duration.ofMinutes(15));
        // Another address of the same user has no delay of its own.
        fail("li.wei", "10.0.0.2");
        clock.advance(Duration.ofSeconds(4));
        succeed("li.wei", "10.0.0.1");
        go("li.wei", "10.0.0.1");
    }

    @Test
    void noMoreThanAHandfulOfPasswordsPerUserWhateverTheAddressesAndHoweverParallel() {
        int going = 0;
        for (int i = 0; i < 200; i++) {
            // Never reported: all still in flight, as in a parallel burst from a botnet.
            if (throttle.begin("admin", "10.1." + (i / 250) + "." + (i % 250)) instanceof Go) {
                going++;
            }
        }
        assertThat(going).isEqualTo(5);
        assertThat(refused("admin", "10.9.9.9").limit()).isEqualTo(Limit.USER);
        clock.advance(Duration.ofMinutes(15));
        go("admin", "10.9.9.9");
    }

    @Test
    void strangersSpendingTheirShareDoNotLockTheRealUserOutOfTheirUsualAddress() {
        succeed("li.wei", "192.168.1.5");
        for (int i = 0; i < 5; i++) {
            fail("li.wei", "10.0.0." + i);
        }
        assertThat(refused("li.wei", "10.0.0.99").limit()).isEqualTo(Limit.USER);
        succeed("li.wei", "192.168.1.5");
        // The familiar share is bounded too: an attacker behind the user's own NAT address gets 5 more at most.
        for (int i = 0; i < 5; i++) {
            fail("li.wei", "192.168.1.5");
            clock.advance(throttle.delayAfter(i + 1));
        }
        assertThat(refused("li.wei", "192.168.1.5").limit()).isEqualTo(Limit.USER);
    }

    @Test
    void oneAddressCannotSprayManyAccountsButColleaguesBehindItStillLogIn() {
        succeed("colleague", "10.0.0.1");
        for (int i = 0; i < 50; i++) {
            fail("user" + i, "10.0.0.1");
        }
        assertThat(refused("user99", "10.0.0.1").limit()).isEqualTo(Limit.ADDRESS);
        go("user99", "10.0.0.2");
        succeed("colleague", "10.0.0.1");
    }

    @Test
    void aSuccessTakesBackItsOwnReservationOnly() {
        for (int i = 0; i < 4; i++) {
            fail("li.wei", "10.0.0." + i);
        }
        succeed("li.wei", "10.0.0.9");
        // 10.0.0.9 is now familiar; the strangers' four failures stay: one more stranger may try, not five.
        fail("li.wei", "10.0.0.10");
        assertThat(refused("li.wei", "10.0.0.11").limit()).isEqualTo(Limit.USER);
        LoginThrottle.Attempt a = go("li.wei", "10.0.0.9");
        throttle.succeeded(a);
        throttle.failed(a);
        go("li.wei", "10.0.0.9"); // a second report of one attempt changes nothing
    }

    @Test
    void remembersABoundedNumberOfKeys() {
        LoginThrottle small = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofDays(30), 100);
        for (int i = 0; i < 1000; i++) {
            Decision d = small.begin("user" + i, "10.0." + (i / 250) + "." + (i % 250));
            if (d instanceof Go g) {
                small.failed(g.attempt());
            }
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(300);
    }
}
