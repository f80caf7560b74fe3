package io.xueliang.ingest.manscdp;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Field quirks it tolerates: a SumNum larger than what is sent (NVRs that count channels they do not list;
 * the assembly ends on the quiet timeout, flagged partial), items repeated across messages
 * (a MESSAGE retransmitted over UDP when its 200 OK was lost: the later copy of an item replaces the
 * earlier, in the earlier's place), messages out of order (UDP; nothing depends on order), a
 * new query's SN replacing an unfinished one. A SumNum smaller than what is sent completes at
 * SumNum; later items are dropped with the late messages. Memory is bounded by
 * {@code maxDevices × maxItemsPerDevice} items, whatever SumNum says.
 *
 * <p>No threads: time comes from the injected {@link InstantSource}, and the caller polls
 * {@link #expire()} (every second is plenty). Methods are synchronized, and cheap.
 */
public final class CatalogAssembler {
    /** How an assembled catalog ended. */
    public enum Completion {
        /** SumNum distinct items arrived. */
        COMPLETE,
        /** No message for the quiet timeout before SumNum was reached: what arrived, partial. */
        TIMED_OUT,
        /** The device sent more distinct items than the per-device limit: the first ones, partial. */
        TRUNCATED
    }

    /** A device's catalog as assembled. */
    public record Catalog(String deviceId, long sn, int sumNum, List<CatalogItem> items, Completion completion) {
        public Catalog {
            items = List.copyOf(items);
        }

        /** True unless every announced item arrived. */
        public boolean partial() {
            return completion != Completion.COMPLETE;
        }
    }

    /**
     * Counts since creation.
     *
     * @param duplicateItems items that repeated a DeviceID already in their assembly
     * @param replaced       unfinished assemblies dropped for a newer SN of the same device
     * @param lateMessages   messages of an SN that had just finished or been replaced
     * @param refused        messages refused because {@code maxDevices} assemblies were open
     */
    public record Counters(long completed, long timedOut, long truncated, long duplicateItems, long replaced,
                           long lateMessages, long refused) {
    }

    private final InstantSource clock;
    private final Duration quietTimeout;
    private final int maxItemsPerDevice;
    private final int maxDevices;
    private final Map<String, Assembly> open = new LinkedHashMap<>();
    /** The last finished or replaced SN per device, most recent last; bounded to {@code 4 × maxDevices}. */
    private final LinkedHashMap<String, Long> retired = new LinkedHashMap<>(16, 0.75f, true);

    private long completed;
    private long timedOut;
    private long truncated;
    private long duplicateItems;
    private long replaced;
    private long lateMessages;
    private long refused;

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
        if (quietTimeout.isNegative() || quietTimeout.isZero() || maxItemsPerDevice <= 0 || maxDevices <= 0) {
            throw new IllegalArgumentException("catalog assembler limits must be > 0: " + quietTimeout + ", "
                    + maxItemsPerDevice + ", " + maxDevices);
        }
        this.clock = Objects.requireNonNull(clock);
        this.quietTimeout = quietTimeout;
        this.maxItemsPerDevice = maxItemsPerDevice;
        this.maxDevices = maxDevices;
    }

    /**
     * Takes one catalog MESSAGE of a device (its body's DeviceID). Returns the catalog when this
     * message completes it (or makes it hit the item limit), else empty.
     */
    public synchronized Optional<Catalog> accept(CatalogResponse message) {
        String device = message.deviceId();
        Assembly a = open.get(device);
        if (a != null && a.sn != message.sn()) {
            if (isRetired(device, message.sn())) {
                lateMessages++;
                return Optional.empty();
            }
            replaced++;
            retire(device, a.sn);
            open.remove(device);
            a = null;
        }
        if (a == null) {
            if (isRetired(device, message.sn())) {
                lateMessages++;
                return Optional.empty();
            }
            if (open.size() >= maxDevices) {
                refused++;
                return Optional.empty();
            }
            a = new Assembly(message.sn(), message.sumNum());
            open.put(device, a);
        }
        a.lastMessage = clock.instant();
        for (CatalogItem item : message.items()) {
            if (a.items.containsKey(item.deviceId())) {
                duplicateItems++;
                a.items.put(item.deviceId(), item);
            } else if (a.items.size() >= maxItemsPerDevice) {
                truncated++;
                return Optional.of(finish(device, a, Completion.TRUNCATED));
            } else {
                a.items.put(item.deviceId(), item);
            }
        }
        if (a.items.size() >= a.sumNum) {
            completed++;
            return Optional.of(finish(device, a, Completion.COMPLETE));
        }
        if (a.items.size() >= maxItemsPerDevice) {
            truncated++;
            return Optional.of(finish(device, a, Completion.TRUNCATED));
        }
        return Optional.empty();
    }

    /** Ends, partial, every assembly that has had no message for the quiet timeout. */
    public synchronized List<Catalog> expire() {
        Instant now = clock.instant();
        List<Catalog> expired = new ArrayList<>();
        List<Map.Entry<String, Assembly>> due = new ArrayList<>();
        for (Map.Entry<String, Assembly> e : open.entrySet()) {
            if (!now.isBefore(e.getValue().lastMessage.plus(quietTimeout))) {
                due.add(e);
            }
        }
        for (Map.Entry<String, Assembly> e : due) {
            timedOut++;
            expired.add(finish(e.getKey(), e.getValue(), Completion.TIMED_OUT));
        }
        return expired;
    }

    /** Drops a device's unfinished assembly (it unregistered or went offline). */
    public synchronized void forget(String deviceId) {
        Assembly a = open.remove(deviceId);
        if (a != null) {
            retire(deviceId, a.sn);
        }
    }

    /** Catalogs assembling now. */
    public synchronized int assembling() {
        return open.size();
    }

    public synchronized Counters counters() {
        return new Counters(completed, timedOut, truncated, duplicateItems, replaced, lateMessages, refused);
    }

    private Catalog finish(String device, Assembly a, Completion completion) {
        open.remove(device);
        retire(device, a.sn);
        return new Catalog(device, a.sn, a.sumNum, new ArrayList<>(a.items.values()), completion);
    }

    private boolean isRetired(String device, long sn) {
        Long last = retired.get(device);
        return last != null && last == sn;
    }

    private void retire(String device, long sn) {
        retired.put(device, sn);
        if (retired.size() > 4 * maxDevices) {
            Iterator<String> eldest = retired.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static final class Assembly {
        final long sn;
        final int sumNum;
        final LinkedHashMap<String, CatalogItem> items = new LinkedHashMap<>();
        Instant lastMessage;

        Assembly(long sn, int sumNum) {
            this.sn = sn;
            this.sumNum = sumNum;
        }
    }
}
