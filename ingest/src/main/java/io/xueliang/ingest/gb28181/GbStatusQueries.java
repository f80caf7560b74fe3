package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.DeviceStatusResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * DeviceStatus queries (GB/T 28181 §9.5.2) waiting for their device's answer, by device and SN; a device that answers
 * nothing fails its query after {@link #TIMEOUT}; at most {@link #MAX_PENDING} wait at once. Touched on the signalling
 * thread only.
 */
final class GbStatusQueries {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_PENDING = 256;

    private final GbPendingAnswers<DeviceStatusResponse> pending;

    GbStatusQueries(InstantSource clock) {
        this.pending = new GbPendingAnswers<>(clock, "DeviceStatus", TIMEOUT, MAX_PENDING);
    }

    /** A query about to be sent; fails at once when too many wait. */
    CompletableFuture<DeviceStatusResponse> ask(String deviceId, long sn) {
        return pending.ask(deviceId, sn);
    }

    /** The query could not be sent or was refused. */
    void failed(String deviceId, long sn, Throwable why) {
        pending.failed(deviceId, sn, why);
    }

    /** A device's answer; one nobody asked for is dropped. */
    void accept(DeviceStatusResponse answer) {
        pending.complete(answer.deviceId(), answer.sn(), answer);
    }

    /** Fails the queries nobody answered; every second. */
    void sweep() {
        pending.expire(id -> { });
    }
}
