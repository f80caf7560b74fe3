package io.xueliang.storage.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits password guessing at login. Every attempt is reserved here, atomically, before its password is hashed, and
 * counts as a failure until it is known to have succeeded: a burst of parallel logins cannot get more passwords checked
 * than the limits allow, because each one sees the others' reservations.
 *
 * <pre>
 *   begin(user, address) -> Wait(retryAfter)  answer 429, no hashing
 *                        -> Go(attempt)       check the password, then failed(attempt) or succeeded(attempt)
 * </pre>
 *
 * Three limits, all over a sliding {@code window} (15 minutes by default):
 * <ol>
 *   <li>Per user name, whatever the address and however parallel: at most {@code perUser} failures from addresses the
 *       user has not logged in from lately ("strangers"), and {@code perUser} more from addresses they have
 *       ("familiar", a successful login within {@code familiarFor}). So no more than {@code 2 × perUser} passwords of
 *       one account are tried in a window, and someone who spends the strangers' share cannot lock the real user out
 *       of their usual addresses.
 *   <li>Per (user name, address): one attempt at a time, and after {@code k} failures in a row a delay of
 *       {@code firstDelay × 2^(k-1)} (at most the window) before the next: a user who mistypes waits a second, a
 *       script many minutes.
 *   <li>Per address: at most {@code perAddress} failures across user names (password spraying), not counting users for
 *       whom the address is familiar, so that colleagues behind one NAT address do not share a lock.
 * </ol>
 *
 * <p>In memory only: a restart forgets, which costs an attacker a restart; at most {@code maxTrackedKeys} user names,
 * pairs and addresses each are remembered (least recently seen dropped first). Thread-safe.
 */
public final class LoginThrottle {
    /** Familiar addresses remembered per user: a bound, since a user who roams has many. */
    private static final int FAMILIAR_PER_USER = 16;
    /**
     * Longest a password check may take before its pair may try again unreported: an attempt whose outcome never comes
     * (its worker queue was full, the request was dropped) must not block the pair for good.
     */
    private static final Duration MAX_CHECK_TIME = Duration.ofMinutes(1);

    private final InstantSource clock;
    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration familiarFor;
    private final Map<String, UserState> users;
    private final Map<Pair, PairState> pairs;
    private final Map<String, ArrayDeque<Instant>> addresses;

    /**
     * @param clock the time
     * @param perUser failures allowed per user name and window, from strangers and, separately, from familiar addresses
     * @param perAddress failures allowed per address and window across user names it is a stranger to
     * @param window the sliding window
     * @param firstDelay the wait after one failure of a (user, address) pair; doubled for each further failure in a row
     * @param familiarFor how long a successful login makes its address familiar to that user
     * @param maxTrackedKeys most user names, pairs and addresses remembered, each: failures under ever new names
     *     cannot grow memory without bound
     */
    public LoginThrottle(InstantSource clock, int perUser, int perAddress, Duration window, Duration firstDelay,
            Duration familiarFor, int maxTrackedKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (perUser < 1 || perAddress < 1 || maxTrackedKeys < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        for (Duration d : new Duration[] {window, firstDelay, familiarFor}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, not " + d);
            }
        }
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.firstDelay = firstDelay;
        this.familiarFor = familiarFor;
        this.users = bounded(maxTrackedKeys);
        this.pairs = bounded(maxTrackedKeys);
        this.addresses = bounded(maxTrackedKeys);
    }

    /**
     * 5 failures per user name from strangers and 5 from familiar addresses, 50 per address, in 15 minutes; a
     * (user, address) pair waits 1 s after one failure, doubling; a login makes its address familiar for 30 days;
     * 100,000 keys of each kind.
     */
    public static LoginThrottle defaults(InstantSource clock) {
        return new LoginThrottle(clock, 5, 50, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(30),
                100_000);
    }

    /** What {@link #begin} decides. */
    public sealed interface Decision permits Go, Wait {
    }

    /** Check the password, then report the outcome on {@code attempt}. */
    public record Go(Attempt attempt) implements Decision {
    }

    /**
     * Answer 429 without checking the password.
     *
     * @param retryAfter when this pair may try again (at the earliest)
     * @param limit which limit refused it
     * @param first whether this is the first refusal of this (user, address) pair since its last attempt: log and
     *     audit those, so a flood of refusals costs one record, not one each
     */
    public record Wait(Duration retryAfter, Limit limit, boolean first) implements Decision {
    }

    /** The limit behind a {@link Wait}. */
    public enum Limit {
        /** The user name's failures in the window, from strangers or from familiar addresses. */
        USER,
        /** The (user, address) pair's delay, or its attempt in progress. */
        PAIR,
        /** The address's failures across user names. */
        ADDRESS
    }

    /** A reserved attempt: report its outcome exactly once. */
    public static final class Attempt {
        private final String user;
        private final String address;
        private final boolean familiar;
        private final Instant at;
        private boolean reported;

        private Attempt(String user, String address, boolean familiar, Instant at) {
            this.user = user;
            this.address = address;
            this.familiar = familiar;
            this.at = at;
        }

        /** Whether the address was familiar to the user when the attempt began. */
        public boolean familiar() {
            return familiar;
        }
    }

    /** Reserves an attempt for {@code user} from {@code address}, or says how long to wait. */
    public synchronized Decision begin(String user, String address) {
        Instant now = clock.instant();
        UserState u = users.computeIfAbsent(user, k -> new UserState());
        boolean familiar = u.familiar(address, now.minus(familiarFor));
        ArrayDeque<Instant> userFailures = familiar ? u.familiarFailures : u.strangerFailures;
        prune(userFailures, now);
        Pair pair = new Pair(user, address);
        PairState p = pairs.computeIfAbsent(pair, k -> new PairState());
        if (p.lastFailure != null && !p.lastFailure.plus(window).isAfter(now)) {
            p.consecutiveFailures = 0;
        }
        ArrayDeque<Instant> addressFailures = null;
        if (!familiar) {
            addressFailures = addresses.computeIfAbsent(address, k -> new ArrayDeque<>());
            prune(addressFailures, now);
        }

        Duration wait = Duration.ZERO;
        Limit limit = null;
        if (p.inFlightSince != null && p.inFlightSince.plus(MAX_CHECK_TIME).isAfter(now)) {
            wait = firstDelay;
            limit = Limit.PAIR;
        } else if (p.consecutiveFailures > 0) {
            Instant free = p.lastFailure.plus(delayAfter(p.consecutiveFailures));
            if (free.isAfter(now)) {
                wait = Duration.between(now, free);
                limit = Limit.PAIR;
            }
        }
        if (userFailures.size() >= perUser) {
            Duration w = Duration.between(now, userFailures.peekFirst().plus(window));
            if (w.compareTo(wait) > 0) {
                wait = w;
                limit = Limit.USER;
            }
        }
        if (addressFailures != null && addressFailures.size() >= perAddress) {
            Duration w = Duration.between(now, addressFailures.peekFirst().plus(window));
            if (w.compareTo(wait) > 0) {
                wait = w;
                limit = Limit.ADDRESS;
            }
        }
        if (limit != null) {
            boolean first = !p.refused;
            p.refused = true;
            return new Wait(wait.isZero() ? firstDelay : wait, limit, first);
        }
        // Reserve: counted as a failure everywhere until it is known to have succeeded.
        userFailures.addLast(now);
        if (addressFailures != null) {
            addressFailures.addLast(now);
        }
        p.inFlightSince = now;
        p.refused = false;
        return new Go(new Attempt(user, address, familiar, now));
    }

    /** The password was wrong (or the user unknown or disabled): the reservation stays counted. */
    public synchronized void failed(Attempt attempt) {
        if (report(attempt)) {
            PairState p = pairs.computeIfAbsent(new Pair(attempt.user, attempt.address), k -> new PairState());
            p.inFlightSince = null;
            p.consecutiveFailures++;
            p.lastFailure = clock.instant();
        }
    }

    /**
     * The password was right: the reservation is taken back, the pair starts afresh and the address becomes familiar
     * to the user. Other failures of the user and the address stay counted: one valid login must not give an
     * attacker a fresh budget.
     */
    public synchronized void succeeded(Attempt attempt) {
        if (report(attempt)) {
            pairs.remove(new Pair(attempt.user, attempt.address));
            UserState u = users.computeIfAbsent(attempt.user, k -> new UserState());
            (attempt.familiar ? u.familiarFailures : u.strangerFailures).removeLastOccurrence(attempt.at);
            if (!attempt.familiar) {
                ArrayDeque<Instant> a = addresses.get(attempt.address);
                if (a != null) {
                    a.removeLastOccurrence(attempt.at);
                }
            }
            u.remember(attempt.address, clock.instant());
        }
    }

    private static boolean report(Attempt attempt) {
        synchronized (attempt) {
            if (attempt.reported) {
                return false;
            }
            attempt.reported = true;
            return true;
        }
    }

    /** The wait after {@code failures} failures in a row: firstDelay doubled per further failure, at most the window. */
    Duration delayAfter(int failures) {
        int doublings = Math.min(failures - 1, 40);
        Duration d = firstDelay.multipliedBy(1L << doublings);
        return d.compareTo(window) > 0 ? window : d;
    }

    private void prune(ArrayDeque<Instant> failures, Instant now) {
        Instant horizon = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
            failures.pollFirst();
        }
    }

    /** User names, pairs and addresses remembered now (for tests and a gauge). */
    public synchronized int trackedKeys() {
        return users.size() + pairs.size() + addresses.size();
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private record Pair(String user, String address) {
    }

    private static final class PairState {
        int consecutiveFailures;
        Instant lastFailure;
        /** When its attempt in progress began; null when none. */
        Instant inFlightSince;
        boolean refused;
    }

    private static final class UserState {
        final ArrayDeque<Instant> strangerFailures = new ArrayDeque<>();
        final ArrayDeque<Instant> familiarFailures = new ArrayDeque<>();
        /** Address to the time of the last successful login from it, least recent first. */
        final LinkedHashMap<String, Instant> familiarAddresses = new LinkedHashMap<>(4, 0.75f, true);

        boolean familiar(String address, Instant since) {
            Instant last = familiarAddresses.get(address);
            return last != null && last.isAfter(since);
        }

        void remember(String address, Instant at) {
            familiarAddresses.put(address, at);
            if (familiarAddresses.size() > FAMILIAR_PER_USER) {
                Iterator<String> eldest = familiarAddresses.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
    }
}
