package io.xueliang.ingest.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The RTP (even port) and RTCP (odd port) UDP sockets of one track (RFC 2326 §12.39
 * {@code client_port}). Anyone can send to an open port, so a datagram is taken only when it comes
 * from the address and port the camera announced in its SETUP answer: RTP from the first
 * {@code server_port}, RTCP from the second. Everything else (another host, another port of the
 * camera's host, anything before the SETUP answer) is dropped and reported to the sink.
 */
final class UdpTrackChannels {
    private final int track;
    private final Channel rtp;
    private final Channel rtcp;
    private volatile InetSocketAddress serverRtp;
    private volatile InetSocketAddress serverRtcp;
    private long foreignDropped;

    private UdpTrackChannels(int track, Channel rtp, Channel rtcp) {
        this.track = track;
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    interface Sink {
        void rtp(int track, ByteBuf packet);

        void rtcp(int track, ByteBuf packet);

        /** A datagram from an address or port the camera did not announce was dropped. */
        void foreign(int track);

        void failure(Throwable cause);
    }

    /**
     * Binds a free even/odd pair from {@code ports}, trying at most {@code ports.pairs()} pairs
     * (capped at 64) before failing the promise.
     */
    static void bind(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory, UdpPortRange ports,
                     int track, Sink sink, Promise<UdpTrackChannels> result) {
        tryPair(loop, factory, ports, track, sink, result, Math.min(ports.pairs(), 64), null);
    }

    private static void tryPair(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory, UdpPortRange ports,
                                int track, Sink sink, Promise<UdpTrackChannels> result, int triesLeft, Throwable last) {
        if (triesLeft == 0) {
            result.tryFailure(new java.io.IOException("no free UDP port pair in " + ports, last));
            return;
        }
        int port = ports.nextRtpPort();
        UdpTrackChannels[] self = new UdpTrackChannels[1];
        ChannelFuture rtpBind = bootstrap(loop, factory, new Receiver(() -> self[0], true, sink)).bind(port);
        rtpBind.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                tryPair(loop, factory, ports, track, sink, result, triesLeft - 1, f.cause());
                return;
            }
            ChannelFuture rtcpBind = bootstrap(loop, factory, new Receiver(() -> self[0], false, sink)).bind(port + 1);
            rtcpBind.addListener((ChannelFuture g) -> {
                if (!g.isSuccess()) {
                    f.channel().close();
                    tryPair(loop, factory, ports, track, sink, result, triesLeft - 1, g.cause());
                    return;
                }
                self[0] = new UdpTrackChannels(track, f.channel(), g.channel());
                if (!result.trySuccess(self[0])) {
                    self[0].close();
                }
            });
        });
    }

    /**
     * Socket receive buffer asked for each RTP/RTCP socket. A camera sends a keyframe as one burst
     * of 50-200 packets; the Linux default (208 KiB, charged per packet at several KiB of kernel
     * overhead) holds about 50, so the rest would be dropped before the event loop reads. The
     * kernel caps the request at net.core.rmem_max.
     */
    static final int RECEIVE_BUFFER_BYTES = 2 * 1024 * 1024;

    private static Bootstrap bootstrap(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory,
                                       Receiver receiver) {
        return new Bootstrap().group(loop).channelFactory(factory)
                .option(io.netty.channel.ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .handler(receiver);
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** Sets where the camera sends from and listens, then opens NAT/firewall state with two punches each. */
    void connectTo(InetAddress cameraAddress, int serverRtpPort, int serverRtcpPort, int payloadType) {
        this.serverRtp = new InetSocketAddress(cameraAddress, serverRtpPort);
        this.serverRtcp = new InetSocketAddress(cameraAddress, serverRtcpPort);
        for (int i = 0; i < 2; i++) {
            // An RTP header without payload, and an empty receiver report: what live555 and ffmpeg send.
            ByteBuf rtpPunch = Unpooled.buffer(12).writeByte(0x80).writeByte(payloadType & 0x7F).writeShort(0)
                    .writeInt(0).writeInt(0);
            ByteBuf rtcpPunch = Unpooled.buffer(8).writeByte(0x80).writeByte(201).writeShort(1).writeInt(0);
            rtp.writeAndFlush(new DatagramPacket(rtpPunch, serverRtp));
            rtcp.writeAndFlush(new DatagramPacket(rtcpPunch, serverRtcp));
        }
    }

    /** Takes ownership of {@code packet}. */
    void sendRtcp(ByteBuf packet) {
        if (serverRtcp == null) {
            packet.release();
            return;
        }
        rtcp.writeAndFlush(new DatagramPacket(packet, serverRtcp));
    }

    void close() {
        rtp.close();
        rtcp.close();
    }

    long foreignDropped() {
        return foreignDropped;
    }

    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final java.util.function.Supplier<UdpTrackChannels> owner;
        private final boolean isRtp;
        private final Sink sink;

        Receiver(java.util.function.Supplier<UdpTrackChannels> owner, boolean isRtp, Sink sink) {
            this.owner = owner;
            this.isRtp = isRtp;
            this.sink = sink;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            UdpTrackChannels self = owner.get();
            if (self == null) {
                return; // the pair is still being bound: no SETUP was sent yet
            }
            InetSocketAddress expected = isRtp ? self.serverRtp : self.serverRtcp;
            if (expected == null || !expected.equals(packet.sender())) {
                self.foreignDropped++;
                sink.foreign(self.track);
                return;
            }
            if (isRtp) {
                sink.rtp(self.track, packet.content());
            } else {
                sink.rtcp(self.track, packet.content());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable surfaces here on some platforms; it is no reason to end the session
            if (!(cause instanceof java.net.PortUnreachableException)) {
                sink.failure(cause);
            }
        }
    }

}
