package io.xueliang.storage.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Limits failed logins, per username and per source address separately, each over a sliding window.
 *
 * <ul>
 *   <li>Per username: someone guessing one account's password is slowed down, whatever addresses they use; only
 *       that account waits, so hammering one name does not lock out anyone else.
 *   <li>Per address: one address cannot try a few passwords on each of many accounts (password spraying), whatever
 *       names it uses; other addresses are not affected.
 * </ul>
 *
 * <p>Use: {@link #waitBefore} before checking the password (non-zero: answer 429 with Retry-After, without hashing),
 * then {@link #failed} or {@link #succeeded}. In memory only: a restart forgets, which costs an attacker a restart.
 * Thread-safe.
 */
public final class LoginThrottle {
    private final InstantSource clock;
    private final int maxFailuresPerUser;
    private final int maxFailuresPerAddress;
    private final Duration window;
    private final int maxTrackedKeys;
    private final Map<String, ArrayDeque<Instant>> byUser = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> byAddress = new HashMap<>();

    /**
     * @param clock the time
     * @param maxFailuresPerUser failures allowed for one username within {@code window} before it must wait
     * @param maxFailuresPerAddress failures allowed from one address within {@code window} before it must wait
     * @param window the sliding window
     * @param maxTrackedKeys most usernames (and, separately, addresses) remembered at once: a limit so that failures
     *     under ever new names cannot grow memory without bound; past it, entries whose failures all left the window
     *     are dropped and, if that is not enough, the stalest entry
     */
    public LoginThrottle(InstantSource clock, int maxFailuresPerUser, int maxFailuresPerAddress, Duration window,
            int maxTrackedKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || maxTrackedKeys < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not " + window);
        }
        this.maxFailuresPerUser = maxFailuresPerUser;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.window = window;
        this.maxTrackedKeys = maxTrackedKeys;
    }

    /** 5 failures per username and 20 per address in 15 minutes, 100,000 keys each. */
    public static LoginThrottle defaults(InstantSource clock) {
        return new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), 100_000);
    }

    /** How long this login attempt must wait; {@link Duration#ZERO} when it may go ahead. */
    public synchronized Duration waitBefore(String username, String address) {
        Instant now = clock.instant();
        Duration user = wait(byUser.get(username), maxFailuresPerUser, now);
        Duration source = wait(byAddress.get(address), maxFailuresPerAddress, now);
        return user.compareTo(source) >= 0 ? user : source;
    }

    /** Counts a failed login (wrong password, unknown or disabled user) against both the name and the address. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        record(byUser, username, maxFailuresPerUser, now);
        record(byAddress, address, maxFailuresPerAddress, now);
    }

    /**
     * Forgets the name's failures. The address keeps its count: one valid account must not let an address reset its
     * budget for guessing others.
     */
    public synchronized void succeeded(String username, String address) {
        byUser.remove(username);
    }

    private Duration wait(ArrayDeque<Instant> failures, int max, Instant now) {
        if (failures == null || failures.size() < max) {
            return Duration.ZERO;
        }
        // The deque holds the last 'max' failures: the attempt may go once the oldest leaves the window.
        Instant free = failures.peekFirst().plus(window);
        return free.isAfter(now) ? Duration.between(now, free) : Duration.ZERO;
    }

    private void record(Map<String, ArrayDeque<Instant>> map, String key, int max, Instant now) {
        ArrayDeque<Instant> failures = map.get(key);
        if (failures == null) {
            if (map.size() >= maxTrackedKeys) {
                evict(map, now);
            }
            failures = new ArrayDeque<>(max);
            map.put(key, failures);
        }
        if (failures.size() == max) {
            failures.pollFirst();
        }
        failures.addLast(now);
    }

    private void evict(Map<String, ArrayDeque<Instant>> map, Instant now) {
        Instant horizon = now.minus(window);
        map.values().removeIf(f -> !f.peekLast().isAfter(horizon));
        if (map.size() >= maxTrackedKeys) {
            String stalest = null;
            Instant oldest = Instant.MAX;
            for (Iterator<Map.Entry<String, ArrayDeque<Instant>>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, ArrayDeque<Instant>> e = it.next();
                if (e.getValue().peekLast().isBefore(oldest)) {
                    oldest = e.getValue().peekLast();
                    stalest = e.getKey();
                }
            }
            map.remove(stalest);
        }
    }

    /** Usernames and addresses remembered now (for tests and a gauge). */
    public synchronized int trackedKeys() {
        return byUser.size() + byAddress.size();
    }
}
