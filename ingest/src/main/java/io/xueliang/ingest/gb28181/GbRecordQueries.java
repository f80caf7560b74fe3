package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.AssemblyCompletion;
import io.xueliang.ingest.manscdp.RecordInfoAssembler;
import io.xueliang.ingest.manscdp.RecordInfoResponse;
import io.xueliang.media.DeviceRecordings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RecordInfo queries to devices waiting for their answers: the answer's MESSAGEs are assembled by {@code SumNum}
 * ({@link RecordInfoAssembler}, per channel and SN), and the query's future completes with them, partial when the
 * parts stop coming ({@link #QUIET}). A device that answers nothing fails the query after {@link #TIMEOUT}. At most
 * {@link #MAX_PENDING} queries wait at once. Touched on the signalling thread only.
 */
final class GbRecordQueries {
    static final Duration QUIET = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int MAX_PENDING = 256;

    private final RecordInfoAssembler assembler;
    private final GbPendingAnswers<DeviceRecordings.Listing> pending;

    GbRecordQueries(InstantSource clock) {
        this.assembler = new RecordInfoAssembler(clock, QUIET, DeviceRecordings.MAX_ITEMS, MAX_PENDING);
        this.pending = new GbPendingAnswers<>(clock, "RecordInfo", TIMEOUT, MAX_PENDING);
    }

    /** A query about to be sent; fails at once when too many wait. */
    CompletableFuture<DeviceRecordings.Listing> ask(String channelId, long sn) {
        return pending.ask(channelId, sn);
    }

    /** The query could not be sent or was refused. */
    void failed(String channelId, long sn, Throwable why) {
        pending.failed(channelId, sn, why);
    }

    /** One MESSAGE of an answer. */
    void accept(RecordInfoResponse part) {
        if (!pending.waiting(part.deviceId(), part.sn())) {
            return; // nobody asked (or asked too long ago): not assembled
        }
        assembler.accept(part).ifPresent(this::complete);
    }

    /** Ends quiet answers partial and fails the queries nobody answered; every second. */
    void sweep() {
        assembler.expire().forEach(this::complete);
        pending.expire(assembler::forget);
    }

    private void complete(RecordInfoAssembler.Recordings r) {
        List<DeviceRecordings.Item> items = new ArrayList<>(r.items().size());
        r.items().forEach(i -> items.add(new DeviceRecordings.Item(i.startTime(), i.endTime(), i.type(), i.name(),
                i.filePath())));
        items.sort(Comparator.comparing(DeviceRecordings.Item::start));
        pending.complete(r.deviceId(), r.sn(), new DeviceRecordings.Listing(items,
                r.completion() == AssemblyCompletion.COMPLETE));
    }
}
