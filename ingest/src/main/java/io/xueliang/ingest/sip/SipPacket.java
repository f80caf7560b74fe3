package io.xueliang.ingest.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A SIP message and the peer at the other end: the sender of a datagram that came in, the recipient of one that
 * goes out. What the UDP codec reads and writes; on TCP the connection is the peer and plain messages travel.
 */
public record SipPacket(SipMessage message, InetSocketAddress peer) {
    public SipPacket {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(peer, "peer");
    }
}
