package io.xueliang.ingest.ps;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The socket a PS-over-RTP sender (a GB/T 28181 device answering an INVITE, or a lower platform answering its
 * superior's) sends a stream on: over UDP a socket of its own, bound before the SDP answer so that its port can be
 * announced; over TCP (the receiver listens: {@code TCP/RTP/AVP}, {@code a=setup:passive}) a connection made after the
 * ACK, each RTP packet behind its RFC 4571 two-byte length:
 * <pre>
 *  +--------+--------+----------------------------------------+
 *  | length (16 bit) | RTP header (12) | PS bytes of a frame  |   ... next packet
 *  +--------+--------+----------------------------------------+
 * </pre>
 * Whatever the receiver sends back (an RTCP report at most) is read and dropped. Runs on one event loop: every
 * method but {@link #writable} is called there.
 */
public final class PsRtpSocket {
    private final EventLoop loop;
    private final InetSocketAddress target;
    private final boolean tcp;
    private final PsRtpPacketizer packetizer;
    private volatile Channel channel;
    private boolean closed;
    private int lastPackets;

    /** @param ssrc the RTP SSRC: the INVITE's {@code y=} */
    public PsRtpSocket(EventLoop loop, InetSocketAddress target, boolean tcp, long ssrc, int firstSequence) {
        this.loop = loop;
        this.target = target;
        this.tcp = tcp;
        this.packetizer = new PsRtpPacketizer(ssrc, PsRtpPacketizer.PAYLOAD_TYPE, PsRtpPacketizer.DEFAULT_MAX_PAYLOAD,
                firstSequence);
    }

    public boolean tcp() {
        return tcp;
    }

    /**
     * Binds the UDP socket (on {@code datagram}'s channel class, on this loop) at {@code bindHost}.
     *
     * @return the port to announce in the answer's {@code m=}: the UDP socket's, or 9 (RFC 4145's discard port) over
     *     TCP, whose source port is known only once connected
     */
    public CompletableFuture<Integer> open(Bootstrap datagram, String bindHost) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        if (tcp) {
            port.complete(9);
            return port;
        }
        ChannelFuture bound = datagram.clone(loop).handler(new Drain()).bind(new InetSocketAddress(bindHost, 0));
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                port.completeExceptionally(f.cause());
                return;
            }
            channel = bound.channel();
            if (closed) {
                channel.close();
            }
            port.complete(((InetSocketAddress) channel.localAddress()).getPort());
        });
        return port;
    }

    /**
     * Over TCP connects to the target (on {@code socket}'s channel class, on this loop), queueing at most
     * {@code highWater} bytes before {@link #writable} says no; over UDP completes at once.
     *
     * @param lost told why, once, when the connection fails or the receiver closes it
     */
    public CompletableFuture<Void> connect(Bootstrap socket, int lowWater, int highWater, Consumer<String> lost) {
        if (!tcp) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ChannelFuture connected = socket.clone(loop).handler(new Drain()).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(lowWater, highWater))
                .connect(target);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                lost.accept("the media connection to " + target + " failed: " + f.cause().getMessage());
                done.completeExceptionally(f.cause());
                return;
            }
            channel = connected.channel();
            if (closed) {
                channel.close();
                done.completeExceptionally(new IllegalStateException("closed"));
                return;
            }
            channel.closeFuture().addListener(c -> loop.execute(() -> lost.accept("the receiver closed the media"
                    + " connection")));
            done.complete(null);
        });
        return done;
    }

    /** Whether the socket is open and, over TCP, has room below its high-water mark. Any thread. */
    public boolean writable() {
        Channel c = channel;
        return c != null && c.isActive() && (!tcp || c.isWritable());
    }

    /** Whether it is open: a UDP port unreachable or a reset closes it under us. */
    public boolean active() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /**
     * Writes one frame's PS bytes as RTP packets, not flushed.
     *
     * @return the RTP bytes written
     */
    public long write(byte[] ps, long pts90k) {
        Channel c = channel;
        ByteBufAllocator alloc = c.alloc();
        List<ByteBuf> packets = packetizer.packetize(ps, pts90k, alloc);
        long bytes = 0;
        for (ByteBuf rtp : packets) {
            bytes += rtp.readableBytes();
            if (tcp) {
                c.write(alloc.buffer(2).writeShort(rtp.readableBytes()), c.voidPromise());
                c.write(rtp, c.voidPromise());
            } else {
                c.write(new DatagramPacket(rtp, target), c.voidPromise());
            }
        }
        lastPackets = packets.size();
        return bytes;
    }

    /** RTP packets the last {@link #write} made. */
    public int lastPackets() {
        return lastPackets;
    }

    public void flush() {
        Channel c = channel;
        if (c != null) {
            c.flush();
        }
    }

    /** Closes the socket; idempotent. */
    public void close() {
        closed = true;
        if (channel != null) {
            channel.close();
        }
    }

    /** A receiver sends nothing on the media path (an RTCP report at most): read and drop. */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
