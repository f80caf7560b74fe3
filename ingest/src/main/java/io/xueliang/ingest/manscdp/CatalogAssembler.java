package io.xueliang.ingest.manscdp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Puts a device's catalog together from the MESSAGEs of one response (same device, same SN) until
 * {@code SumNum} distinct items are in.
 *
 * <pre>
 *  accept(msg) --first SN of a device--> new assembly ----items, dedup by DeviceID----+
 *              --another SN------------> the old assembly is dropped, a new one begun |
 *              --SN just finished------> ignored (late duplicate)                      v
 *                         distinct items == SumNum ---------> Catalog(COMPLETE)     returned by accept
 *                         distinct items == maxItemsPerDevice -> Catalog(TRUNCATED) returned by accept
 *  expire()  --no message for quietTimeout--> Catalog(TIMED_OUT) with what arrived
 * </pre>
 *
 * Field quirks it tolerates: a SumNum larger than what is sent (NVRs that count channels they do
 * not list; the assembly ends on the quiet timeout, flagged partial), items repeated across
 * messages (a MESSAGE retransmitted over UDP when its 200 OK was lost: the later copy of an item
 * replaces the earlier, in the earlier's place), messages out of order (UDP; nothing depends on
 * order), a new query's SN replacing an unfinished one. A SumNum smaller than what is sent completes at
 * SumNum; later items are dropped with the late messages. Memory is bounded by
 * {@code maxDevices × maxItemsPerDevice} items, whatever SumNum says.
 *
 * <p>The mechanism is shared with {@link RecordInfoAssembler}. No threads: time comes from the
 * injected {@link InstantSource}, and the caller polls {@link #expire()} (every second is plenty).
 * Methods are synchronized, and cheap.
 */
public final class CatalogAssembler {
    /** A device's catalog as assembled. */
    public record Catalog(String deviceId, long sn, int sumNum, List<CatalogItem> items, AssemblyCompletion completion) {
        public Catalog {
            items = List.copyOf(items);
        }

        /** True unless every announced item arrived. */
        public boolean partial() {
            return completion != AssemblyCompletion.COMPLETE;
        }
    }

    private final SumNumAssembler<CatalogItem> assembler;

    /**
     * @param quietTimeout      how long an unfinished catalog waits for its next message; devices send
     *                          the parts of a catalog within milliseconds of each other, so 5 s
     *                          tolerates a busy NVR without holding a wrong SumNum long
     * @param maxItemsPerDevice distinct items kept for one device; prevents memory exhaustion by a
     *                          device that announces and sends millions (a large platform has some
     *                          tens of thousands of channels)
     * @param maxDevices        catalogs assembling at once; a registration storm of 10,000 devices
     *                          asking catalogs at the same time is the design load
     */
    public CatalogAssembler(InstantSource clock, Duration quietTimeout, int maxItemsPerDevice, int maxDevices) {
        this.assembler = new SumNumAssembler<>(clock, quietTimeout, maxItemsPerDevice, maxDevices, CatalogItem::deviceId);
    }

    /**
     * Takes one catalog MESSAGE of a device (its body's DeviceID). Returns the catalog when this
     * message completes it (or makes it hit the item limit), else empty.
     */
    public synchronized Optional<Catalog> accept(CatalogResponse message) {
        return assembler.accept(message.deviceId(), message.sn(), message.sumNum(), message.items()).map(CatalogAssembler::catalog);
    }

    /** Ends, partial, every assembly that has had no message for the quiet timeout. */
    public synchronized List<Catalog> expire() {
        return assembler.expire().stream().map(CatalogAssembler::catalog).toList();
    }

    /** Drops a device's unfinished assembly (it unregistered or went offline). */
    public synchronized void forget(String deviceId) {
        assembler.forget(deviceId);
    }

    /** Catalogs assembling now. */
    public synchronized int assembling() {
        return assembler.assembling();
    }

    public synchronized AssemblyCounters counters() {
        return assembler.counters();
    }

    private static Catalog catalog(SumNumAssembler.Result<CatalogItem> r) {
        return new Catalog(r.deviceId(), r.sn(), r.sumNum(), r.items(), r.completion());
    }
}
