package io.xueliang.ingest.sip.transaction;

import io.netty.channel.Channel;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipPacket;
import java.net.InetSocketAddress;

/**
 * Where a transaction's messages go: a peer over the shared UDP channel, or one TCP connection. Only an
 * unreliable flow makes transactions retransmit (RFC 3261 §17: timers A, E, G run over UDP only).
 */
public interface SipFlow {

    void send(SipMessage message);

    /** True over TCP: the transport retransmits, SIP must not. */
    boolean reliable();

    /** A peer reached through a UDP channel with the datagram codec in its pipeline. */
    static SipFlow datagram(Channel channel, InetSocketAddress peer) {
        return new SipFlow() {
            @Override
            public void send(SipMessage message) {
                channel.writeAndFlush(new SipPacket(message, peer));
            }

            @Override
            public boolean reliable() {
                return false;
            }

            @Override
            public String toString() {
                return "udp " + peer;
            }
        };
    }

    /** A TCP connection with the stream codec in its pipeline. */
    static SipFlow stream(Channel channel) {
        return new SipFlow() {
            @Override
            public void send(SipMessage message) {
                channel.writeAndFlush(message);
            }

            @Override
            public boolean reliable() {
                return true;
            }

            @Override
            public String toString() {
                return "tcp " + channel.remoteAddress();
            }
        };
    }
}
