package io.xueliang.ingest.gb28181;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Queries sent to devices (RecordInfo, DeviceStatus) waiting for their answers, by the id the answer names and its
 * SN: a query nobody answers fails after {@code timeout}; at most {@code maxPending} wait at once. Touched on the
 * signalling thread only.
 *
 * @param <T> what an answer completes its query with
 */
final class GbPendingAnswers<T> {
    private record Key(String id, long sn) {
    }

    private record Pending<T>(CompletableFuture<T> answer, Instant asked) {
    }

    private final InstantSource clock;
    private final String what;
    private final Duration timeout;
    private final int maxPending;
    private final Map<Key, Pending<T>> pending = new HashMap<>();

    /** @param what the query's name, for the errors ("RecordInfo") */
    GbPendingAnswers(InstantSource clock, String what, Duration timeout, int maxPending) {
        this.clock = clock;
        this.what = what;
        this.timeout = timeout;
        this.maxPending = maxPending;
    }

    /** A query about to be sent; fails at once when too many wait. */
    CompletableFuture<T> ask(String id, long sn) {
        if (pending.size() >= maxPending) {
            return CompletableFuture.failedFuture(new IllegalStateException(maxPending + " " + what
                    + " queries wait for devices already"));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        pending.put(new Key(id, sn), new Pending<>(answer, clock.instant()));
        return answer;
    }

    /** Whether a query of {@code id} and {@code sn} waits. */
    boolean waiting(String id, long sn) {
        return pending.containsKey(new Key(id, sn));
    }

    /** Completes the query, if one waits; the answer is dropped otherwise. */
    void complete(String id, long sn, T answer) {
        Pending<T> p = pending.remove(new Key(id, sn));
        if (p != null) {
            p.answer().complete(answer);
        }
    }

    /** The query could not be sent or was refused. */
    void failed(String id, long sn, Throwable why) {
        Pending<T> p = pending.remove(new Key(id, sn));
        if (p != null) {
            p.answer().completeExceptionally(why);
        }
    }

    /** Fails the queries nobody answered in time, telling {@code gaveUp} each one's id; every second. */
    void expire(Consumer<String> gaveUp) {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Key, Pending<T>>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending<T>> e = it.next();
            if (Duration.between(e.getValue().asked(), now).compareTo(timeout) > 0) {
                it.remove();
                gaveUp.accept(e.getKey().id());
                e.getValue().answer().completeExceptionally(new TimeoutException("the device did not answer "
                        + what + " within " + timeout.toSeconds() + " s"));
            }
        }
    }
}
