package io.xueliang.ingest.manscdp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Puts a device's answer to a RecordInfo query together from its MESSAGEs (same device, same SN)
 * until {@code SumNum} distinct recordings are in, by the rules of {@link CatalogAssembler}. A
 * recording is the same when its DeviceID, StartTime, EndTime and FilePath are. Keyed by the
 * response's DeviceID, which is the channel queried: one query per channel at a time.
 */
public final class RecordInfoAssembler {
    /** A channel's recordings as assembled. */
    public record Recordings(String deviceId, long sn, int sumNum, List<RecordItem> items, AssemblyCompletion completion) {
        public Recordings {
            items = List.copyOf(items);
        }

        /** True unless every announced recording arrived. */
        public boolean partial() {
            return completion != AssemblyCompletion.COMPLETE;
        }
    }

    private record Key(String deviceId, java.time.Instant start, java.time.Instant end, String filePath) {
    }

    private final SumNumAssembler<RecordItem> assembler;

    /**
     * @param quietTimeout      how long an unfinished answer waits for its next message
     * @param maxItemsPerDevice recordings kept for one query; prevents memory exhaustion by a device
     *                          that announces millions (a day of 1-minute alarm clips is 1,440)
     * @param maxDevices        answers assembling at once
     */
    public RecordInfoAssembler(InstantSource clock, Duration quietTimeout, int maxItemsPerDevice, int maxDevices) {
        this.assembler = new SumNumAssembler<>(clock, quietTimeout, maxItemsPerDevice, maxDevices,
                r -> new Key(r.deviceId(), r.startTime(), r.endTime(), r.filePath()));
    }

    /** Takes one RecordInfo MESSAGE; returns the recordings when it completes them (or hits the item limit). */
    public synchronized Optional<Recordings> accept(RecordInfoResponse message) {
        return assembler.accept(message.deviceId(), message.sn(), message.sumNum(), message.items()).map(RecordInfoAssembler::recordings);
    }

    /** Ends, partial, every answer that has had no message for the quiet timeout. */
    public synchronized List<Recordings> expire() {
        return assembler.expire().stream().map(RecordInfoAssembler::recordings).toList();
    }

    /** Drops a channel's unfinished answer. */
    public synchronized void forget(String deviceId) {
        assembler.forget(deviceId);
    }

    public synchronized int assembling() {
        return assembler.assembling();
    }

    public synchronized AssemblyCounters counters() {
        return assembler.counters();
    }

    private static Recordings recordings(SumNumAssembler.Result<RecordItem> r) {
        return new Recordings(r.deviceId(), r.sn(), r.sumNum(), r.items(), r.completion());
    }
}
