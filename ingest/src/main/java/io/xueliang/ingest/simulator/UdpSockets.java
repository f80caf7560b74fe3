package io.xueliang.ingest.simulator;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * The server's one RTP/RTCP port pair for all UDP sessions (RFC 2326 server_port). Sessions on other
 * event loops write through it; the ticker flushes once per tick.
 */
final class UdpSockets {
    private final Channel rtp;
    private final Channel rtcp;

    UdpSockets(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    int rtpPort() {
        return ((java.net.InetSocketAddress) rtp.localAddress()).getPort();
    }

    int rtcpPort() {
        return ((java.net.InetSocketAddress) rtcp.localAddress()).getPort();
    }

    void sendRtp(DatagramPacket packet) {
        rtp.write(packet, rtp.voidPromise());
    }

    void sendRtcp(DatagramPacket packet) {
        rtcp.write(packet, rtcp.voidPromise());
    }

    void flush() {
        rtp.flush();
        rtcp.flush();
    }

    void close() {
        rtp.close();
        rtcp.close();
    }
}
