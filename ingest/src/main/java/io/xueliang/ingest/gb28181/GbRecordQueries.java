package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.AssemblyCompletion;
import io.xueliang.ingest.manscdp.RecordInfoAssembler;
import io.xueliang.ingest.manscdp.RecordInfoResponse;
import io.xueliang.media.DeviceRecordings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

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

    private record Key(String channelId, long sn) {
    }

    private record Pending(CompletableFuture<DeviceRecordings.Listing> answer, Instant asked) {
    }

    private final InstantSource clock;
    private final RecordInfoAssembler assembler;
    private final Map<Key, Pending> pending = new HashMap<>();

    GbRecordQueries(InstantSource clock) {
        this.clock = clock;
        this.assembler = new RecordInfoAssembler(clock, QUIET, DeviceRecordings.MAX_ITEMS, MAX_PENDING);
    }

    /** A query about to be sent; fails at once when too many wait. */
    CompletableFuture<DeviceRecordings.Listing> ask(String channelId, long sn) {
        if (pending.size() >= MAX_PENDING) {
            return CompletableFuture.failedFuture(new IllegalStateException(MAX_PENDING
                    + " recording queries wait for devices already"));
        }
        CompletableFuture<DeviceRecordings.Listing> answer = new CompletableFuture<>();
        pending.put(new Key(channelId, sn), new Pending(answer, clock.instant()));
        return answer;
    }

    /** The query could not be sent or was refused. */
    void failed(String channelId, long sn, Throwable why) {
        Pending p = pending.remove(new Key(channelId, sn));
        if (p != null) {
            p.answer().completeExceptionally(why);
        }
    }

    /** One MESSAGE of an answer. */
    void accept(RecordInfoResponse part) {
        if (!pending.containsKey(new Key(part.deviceId(), part.sn()))) {
            return; // nobody asked (or asked too long ago): not assembled
        }
        assembler.accept(part).ifPresent(this::complete);
    }

    /** Ends quiet answers partial and fails the queries nobody answered; every second. */
    void sweep() {
        assembler.expire().forEach(this::complete);
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> e = it.next();
            if (Duration.between(e.getValue().asked(), now).compareTo(TIMEOUT) > 0) {
                it.remove();
                assembler.forget(e.getKey().channelId());
                e.getValue().answer().completeExceptionally(new TimeoutException("the device did not answer"
                        + " RecordInfo within " + TIMEOUT.toSeconds() + " s"));
            }
        }
    }

    private void complete(RecordInfoAssembler.Recordings r) {
        Pending p = pending.remove(new Key(r.deviceId(), r.sn()));
        if (p == null) {
            return;
        }
        List<DeviceRecordings.Item> items = new ArrayList<>(r.items().size());
        r.items().stream().filter(i -> i.startTime() != null && i.endTime() != null)
                .forEach(i -> items.add(new DeviceRecordings.Item(i.startTime(), i.endTime(), i.type(), i.name(),
                        i.filePath())));
        items.sort(Comparator.comparing(DeviceRecordings.Item::start));
        p.answer().complete(new DeviceRecordings.Listing(items, r.completion() == AssemblyCompletion.COMPLETE));
    }
}
