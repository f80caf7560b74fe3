package io.xueliang.ingest.gb28181;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * REGISTERs one source address may send ({@code gb28181.registersPerMinute}): a token bucket per address holding a
 * minute's worth, refilled continuously. A REGISTER over it is dropped before any digest work, so a flood (or a
 * device stuck in a retry loop with a wrong password) costs a map lookup. Remembers at most {@code maxAddresses}
 * addresses, forgetting the longest unused first: a flood from forged UDP sources cannot grow it without bound, and
 * an address forgotten starts with a full bucket, which is what it would have by then anyway. Thread-safe.
 */
public final class RegisterThrottle {
    private final double capacity;
    private final double perNano;
    private final int maxAddresses;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;
    private long dropped;

    /**
     * @param perMinute    REGISTERs an address may send a minute, and its burst
     * @param maxAddresses addresses remembered at most
     * @param nanoTime     a monotonic clock in nanoseconds
     */
    public RegisterThrottle(int perMinute, int maxAddresses, LongSupplier nanoTime) {
        if (perMinute < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("perMinute and maxAddresses must be positive");
        }
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.maxAddresses = maxAddresses;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > RegisterThrottle.this.maxAddresses;
            }
        };
    }

    /** Takes a token for a REGISTER from {@code address}; false (and counted) when its bucket is empty. */
    public synchronized boolean tryAcquire(String address) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            bucket = new Bucket(capacity, now);
            buckets.put(address, bucket);
        } else {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
        }
        if (bucket.tokens < 1) {
            dropped++;
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    /** REGISTERs dropped so far. */
    public synchronized long dropped() {
        return dropped;
    }

    synchronized int addresses() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
