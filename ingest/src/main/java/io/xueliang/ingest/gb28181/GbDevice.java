package io.xueliang.ingest.gb28181;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A device (camera, NVR or lower platform) as its registration and keepalives have left it.
 *
 * @param id           its 20-digit SIP id
 * @param remote       where its requests come from: where ours go (RFC 3581: the packet's source, not its Contact,
 *                     which behind NAT names a private address)
 * @param tcp          whether it registered over TCP (requests to it then go on its connection)
 * @param registeredAt when its current registration began (a renewal keeps it)
 * @param expiresAt    when its registration runs out unless renewed
 * @param lastSeen     its last REGISTER or Keepalive
 * @param online       false once it missed its keepalives; a keepalive or REGISTER makes it online again
 */
public record GbDevice(String id, InetSocketAddress remote, boolean tcp, Instant registeredAt, Instant expiresAt,
        Instant lastSeen, boolean online) {

    public GbDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    GbDevice seen(InetSocketAddress from, Instant now) {
        return new GbDevice(id, from, tcp, registeredAt, expiresAt, now, true);
    }
}
