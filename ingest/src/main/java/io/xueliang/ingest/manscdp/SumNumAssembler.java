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
import java.util.function.Function;

/**
 * The one mechanism behind {@link CatalogAssembler} and {@link RecordInfoAssembler}: the items of a
 * device's answer, sent over several MESSAGEs with one SN, collected until {@code SumNum} distinct
 * ones are in. See {@link CatalogAssembler} for the rules. Not thread-safe: its owners synchronize.
 *
 * @param <I> the item type
 */
final class SumNumAssembler<I> {
    /** One finished assembly. */
    record Result<I>(String deviceId, long sn, int sumNum, List<I> items, AssemblyCompletion completion) {
    }

    private final InstantSource clock;
    private final Duration quietTimeout;
    private final int maxItemsPerDevice;
    private final int maxDevices;
    private final Function<I, Object> key;
    private final Map<String, Assembly<I>> open = new LinkedHashMap<>();
    /** The last finished or replaced SN per device, least recently used first; bounded to {@code 4 × maxDevices}. */
    private final LinkedHashMap<String, Long> retired = new LinkedHashMap<>(16, 0.75f, true);

    private long completed;
    private long timedOut;
    private long truncated;
    private long duplicateItems;
    private long replaced;
    private long lateMessages;
    private long refused;

    SumNumAssembler(InstantSource clock, Duration quietTimeout, int maxItemsPerDevice, int maxDevices, Function<I, Object> key) {
        if (quietTimeout.isNegative() || quietTimeout.isZero() || maxItemsPerDevice <= 0 || maxDevices <= 0) {
            throw new IllegalArgumentException("assembler limits must be > 0: " + quietTimeout + ", "
                    + maxItemsPerDevice + ", " + maxDevices);
        }
        this.clock = Objects.requireNonNull(clock);
        this.quietTimeout = quietTimeout;
        this.maxItemsPerDevice = maxItemsPerDevice;
        this.maxDevices = maxDevices;
        this.key = Objects.requireNonNull(key);
    }

    Optional<Result<I>> accept(String device, long sn, int sumNum, List<I> items) {
        Assembly<I> a = open.get(device);
        if (a != null && a.sn != sn) {
            if (isRetired(device, sn)) {
                lateMessages++;
                return Optional.empty();
            }
            replaced++;
            retire(device, a.sn);
            open.remove(device);
            a = null;
        }
        if (a == null) {
            if (isRetired(device, sn)) {
                lateMessages++;
                return Optional.empty();
            }
            if (open.size() >= maxDevices) {
                refused++;
                return Optional.empty();
            }
            a = new Assembly<>(sn, sumNum);
            open.put(device, a);
        }
        a.lastMessage = clock.instant();
        for (I item : items) {
            Object k = key.apply(item);
            if (a.items.containsKey(k)) {
                duplicateItems++;
                a.items.put(k, item);
            } else if (a.items.size() >= maxItemsPerDevice) {
                truncated++;
                return Optional.of(finish(device, a, AssemblyCompletion.TRUNCATED));
            } else {
                a.items.put(k, item);
            }
        }
        if (a.items.size() >= a.sumNum) {
            completed++;
            return Optional.of(finish(device, a, AssemblyCompletion.COMPLETE));
        }
        if (a.items.size() >= maxItemsPerDevice) {
            truncated++;
            return Optional.of(finish(device, a, AssemblyCompletion.TRUNCATED));
        }
        return Optional.empty();
    }

    List<Result<I>> expire() {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Assembly<I>> e : open.entrySet()) {
            if (!now.isBefore(e.getValue().lastMessage.plus(quietTimeout))) {
                due.add(e.getKey());
            }
        }
        List<Result<I>> expired = new ArrayList<>(due.size());
        for (String device : due) {
            timedOut++;
            expired.add(finish(device, open.get(device), AssemblyCompletion.TIMED_OUT));
        }
        return expired;
    }

    void forget(String device) {
        Assembly<I> a = open.remove(device);
        if (a != null) {
            retire(device, a.sn);
        }
    }

    int assembling() {
        return open.size();
    }

    AssemblyCounters counters() {
        return new AssemblyCounters(completed, timedOut, truncated, duplicateItems, replaced, lateMessages, refused);
    }

    private Result<I> finish(String device, Assembly<I> a, AssemblyCompletion completion) {
        open.remove(device);
        retire(device, a.sn);
        return new Result<>(device, a.sn, a.sumNum, List.copyOf(a.items.values()), completion);
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

    private static final class Assembly<I> {
        final long sn;
        final int sumNum;
        final LinkedHashMap<Object, I> items = new LinkedHashMap<>();
        Instant lastMessage;

        Assembly(long sn, int sumNum) {
            this.sn = sn;
            this.sumNum = sumNum;
        }
    }
}
