package io.xueliang.ingest.gb28181;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices registered now, in memory: a keepalive touches this and nothing else, never the database (the field's
 * lesson: platforms that wrote every keepalive to a database fell over at a few thousand devices). Thread-safe.
 *
 * <p>A device is offline when its last REGISTER or Keepalive is older than {@code offlineAfter} (keepalive interval
 * times misses), and gone when its registration runs out; {@link #sweep} finds both.
 */
public final class GbDevices {
    private final int maxDevices;
    private final Duration offlineAfter;
    private final Map<String, GbDevice> devices = new HashMap<>();

    /**
     * @param maxDevices   devices registered at once
     * @param offlineAfter silence after which a device is offline
     */
    public GbDevices(int maxDevices, Duration offlineAfter) {
        if (maxDevices < 1 || offlineAfter.isNegative() || offlineAfter.isZero()) {
            throw new IllegalArgumentException("maxDevices and offlineAfter must be positive");
        }
        this.maxDevices = maxDevices;
        this.offlineAfter = offlineAfter;
    }

    /** What a REGISTER did. */
    public enum Outcome {
        /** A device not registered before, or back after its registration ran out or it went offline. */
        NEW,
        /** A renewal of a registration in force. */
        RENEWED,
        /** Refused: {@code maxDevices} are registered. */
        FULL
    }

    /** Registers or renews {@code id} from {@code remote} for {@code expires}. */
    public synchronized Outcome register(String id, InetSocketAddress remote, boolean tcp, Duration expires,
            Instant now) {
        GbDevice known = devices.get(id);
        if (known == null && devices.size() >= maxDevices) {
            return Outcome.FULL;
        }
        boolean renewal = known != null && known.online() && known.expiresAt().isAfter(now);
        Instant since = renewal ? known.registeredAt() : now;
        devices.put(id, new GbDevice(id, remote, tcp, since, now.plus(expires), now, true));
        return renewal ? Outcome.RENEWED : Outcome.NEW;
    }

    /** Ends a registration ({@code Expires: 0}); the device, if it was registered. */
    public synchronized Optional<GbDevice> unregister(String id) {
        return Optional.ofNullable(devices.remove(id));
    }

    /**
     * A Keepalive from {@code id}: the device is seen now, at the address the keepalive came from.
     *
     * @return the device before the keepalive (offline when it was), empty when it is not registered: it must
     *     register again (the answer tells it so)
     */
    public synchronized Optional<GbDevice> keepalive(String id, InetSocketAddress from, Instant now) {
        GbDevice known = devices.get(id);
        if (known == null || !known.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        devices.put(id, known.seen(from, now));
        return Optional.of(known);
    }

    public synchronized Optional<GbDevice> get(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public synchronized List<GbDevice> all() {
        return List.copyOf(devices.values());
    }

    public synchronized int size() {
        return devices.size();
    }

    /** The outcome of a {@link #sweep}: devices that went silent, and those whose registration ran out (removed). */
    public record Sweep(List<GbDevice> wentOffline, List<GbDevice> expired) {
    }

    /** Marks silent devices offline and removes those whose registration ran out. */
    public synchronized Sweep sweep(Instant now) {
        List<GbDevice> offline = new ArrayList<>();
        List<GbDevice> expired = new ArrayList<>();
        Instant silentSince = now.minus(offlineAfter);
        var it = devices.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            GbDevice d = e.getValue();
            if (!d.expiresAt().isAfter(now)) {
                it.remove();
                expired.add(d);
            } else if (d.online() && d.lastSeen().isBefore(silentSince)) {
                GbDevice off = new GbDevice(d.id(), d.remote(), d.tcp(), d.registeredAt(), d.expiresAt(), d.lastSeen(),
                        false);
                e.setValue(off);
                offline.add(off);
            }
        }
        return new Sweep(offline, expired);
    }
}
