package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.DeviceStatusResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * DeviceStatus queries (GB/T 28181 §9.5.2) waiting for their device's answer, by device and SN; a device that answers
 * nothing fails its query after {@link #TIMEOUT}; at most {@link #MAX_PENDING} wait at once. Touched on the signalling
 * thread only.
 */
final class GbStatusQueries {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_PENDING = 256;

    private record Key(String deviceId, long sn) {
    }

    private record Pending(CompletableFuture<DeviceStatusResponse> answer, Instant asked) {
    }

    private final InstantSource clock;
    private final Map<Key, Pending> pending = new HashMap<>();

    GbStatusQueries(InstantSource clock) {
        this.clock = clock;
    }

    /** A query about to be sent; fails at once when too many wait. */
    CompletableFuture<DeviceStatusResponse> ask(String deviceId, long sn) {
        if (pending.size() >= MAX_PENDING) {
            return CompletableFuture.failedFuture(new IllegalStateException(MAX_PENDING
                    + " status queries wait for devices already"));
        }
        CompletableFuture<DeviceStatusResponse> answer = new CompletableFuture<>();
        pending.put(new Key(deviceId, sn), new Pending(answer, clock.instant()));
        return answer;
    }

    /** The query could not be sent or was refused. */
    void failed(String deviceId, long sn, Throwable why) {
        Pending p = pending.remove(new Key(deviceId, sn));
        if (p != null) {
            p.answer().completeExceptionally(why);
        }
    }

    /** A device's answer; one nobody asked for is dropped. */
    void accept(DeviceStatusResponse answer) {
        Pending p = pending.remove(new Key(answer.deviceId(), answer.sn()));
        if (p != null) {
            p.answer().complete(answer);
        }
    }

    /** Fails the queries nobody answered; every second. */
    void sweep() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> e = it.next();
            if (Duration.between(e.getValue().asked(), now).compareTo(TIMEOUT) > 0) {
                it.remove();
                e.getValue().answer().completeExceptionally(new TimeoutException("the device did not answer"
                        + " DeviceStatus within " + TIMEOUT.toSeconds() + " s"));
            }
        }
    }
}
