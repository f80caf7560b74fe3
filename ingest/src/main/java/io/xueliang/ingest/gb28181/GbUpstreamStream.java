package io.xueliang.ingest.gb28181;

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
import io.xueliang.ingest.ps.PsMuxer;
import io.xueliang.ingest.ps.PsRtpPacketizer;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamReader;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of our cameras sent live to a superior platform: a reader of the camera's {@link StreamHub} (starting at a
 * keyframe), each video access unit muxed into MPEG-PS ({@link PsMuxer}) and cut into RTP ({@link PsRtpPacketizer})
 * with the SSRC of the superior's {@code y=}. Over UDP from a socket of its own; over TCP (the superior offered
 * {@code TCP/RTP/AVP} with {@code a=setup:passive}) on a connection we make to its port, each packet behind its
 * RFC 4571 two-byte length.
 *
 * <p>Runs on one event loop. The hub's reader is bounded (units and bytes): a superior that reads slower than the
 * camera sends loses whole frames up to the next keyframe, in the reader (UDP) or when the TCP connection stops
 * draining; the camera and its other readers never wait for it.
 */
final class GbUpstreamStream {
    /** Units the hub queues for this stream; about 8 s of 30 fps video. */
    static final int READER_UNITS = 256;
    /** Payload bytes the hub queues for it. */
    static final long READER_BYTES = 16L << 20;
    static final int HIGH_WATER_MARK = 1 << 20;
    static final int LOW_WATER_MARK = 256 * 1024;

    /** What the stream tells its call. */
    interface Ended {
        /** The stream ended by itself (its TCP connection failed or closed); on the stream's loop. */
        void ended(String why);
    }

    private final EventLoop loop;
    private final Bootstrap datagram;
    private final Bootstrap socket;
    private final String bindHost;
    private final StreamHub hub;
    private final String readerName;
    private final InetSocketAddress target;
    private final boolean tcp;
    private final PsRtpPacketizer packetizer;
    private final Ended ended;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private Channel channel;
    private StreamReader reader;
    private PsMuxer muxer;
    private io.xueliang.media.Codec codec;
    private boolean skipping;
    private volatile boolean playing;
    private boolean stopped;
    private volatile long packetsSent;

    /**
     * @param datagram a bootstrap of the loop's UDP channel class; {@code socket} the same for TCP
     * @param target   where the superior's offer asks the media to go
     * @param ssrc     the RTP SSRC: the offer's {@code y=}
     */
    GbUpstreamStream(EventLoop loop, Bootstrap datagram, Bootstrap socket, String bindHost, StreamHub hub,
            String readerName, InetSocketAddress target, boolean tcp, long ssrc, Ended ended) {
        this.loop = loop;
        this.datagram = datagram;
        this.socket = socket;
        this.bindHost = bindHost;
        this.hub = hub;
        this.readerName = readerName;
        this.target = target;
        this.tcp = tcp;
        this.ended = ended;
        this.packetizer = new PsRtpPacketizer(ssrc, PsRtpPacketizer.PAYLOAD_TYPE, PsRtpPacketizer.DEFAULT_MAX_PAYLOAD,
                ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /**
     * Prepares the stream before the answer: over UDP binds its socket.
     *
     * @return the port to announce in the answer's {@code m=}: the UDP socket's, or 9 (RFC 4145's discard port)
     *     over TCP, whose source port is known only once connected
     */
    CompletableFuture<Integer> open() {
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
            loop.execute(() -> {
                channel = bound.channel();
                if (stopped) {
                    channel.close();
                }
                port.complete(((InetSocketAddress) channel.localAddress()).getPort());
            });
        });
        return port;
    }

    /** Starts sending (after the ACK); over TCP connects first. Any thread. */
    void play() {
        loop.execute(() -> {
            if (stopped || playing) {
                return;
            }
            playing = true;
            if (!tcp) {
                subscribe();
                return;
            }
            ChannelFuture connected = socket.clone(loop).handler(new Drain())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .connect(target);
            connected.addListener(f -> loop.execute(() -> {
                if (!f.isSuccess()) {
                    fail("the media connection to " + target + " failed: " + f.cause().getMessage());
                    return;
                }
                channel = connected.channel();
                if (stopped) {
                    channel.close();
                    return;
                }
                channel.closeFuture().addListener(c -> loop.execute(() -> fail("the superior closed the media connection")));
                subscribe();
            }));
        });
    }

    boolean playing() {
        return playing;
    }

    /** RTP packets sent so far. */
    long packetsSent() {
        return packetsSent;
    }

    /** Stops sending, leaves the hub and closes the socket; idempotent, any thread. */
    void stop() {
        loop.execute(() -> {
            if (stopped) {
                return;
            }
            stopped = true;
            if (reader != null) {
                reader.close();
            }
            if (channel != null) {
                channel.close();
            }
        });
    }

    private void fail(String why) {
        if (stopped) {
            return;
        }
        stop();
        ended.ended(why);
    }

    private void subscribe() {
        reader = hub.subscribe(readerName, READER_UNITS, READER_BYTES);
        reader.onAvailable(() -> {
            if (drainScheduled.compareAndSet(false, true)) {
                loop.execute(this::drain);
            }
        });
        drain();
    }

    private void drain() {
        drainScheduled.set(false);
        if (stopped || channel == null || !channel.isActive()) {
            return; // closed under us (a UDP port unreachable, a reset): the BYE ends the call
        }
        boolean wrote = false;
        for (AccessUnit unit = reader.poll(); unit != null; unit = reader.poll()) {
            if (!unit.isVideo()) {
                continue; // video only: the cameras' audio stays with the recordings
            }
            if (unit.isKeyframe() && unit.codec() != codec) {
                codec = unit.codec();
                muxer = new PsMuxer(codec, null);
            }
            if (muxer == null || unit.codec() != codec) {
                continue; // before the first keyframe, or a codec change before its keyframe
            }
            if (tcp && !channel.isWritable()) {
                skipping = true;
            } else if (skipping && unit.isKeyframe()) {
                skipping = false;
            }
            if (!skipping) {
                send(unit);
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void send(AccessUnit unit) {
        byte[] ps = muxer.mux(unit);
        ByteBufAllocator alloc = channel.alloc();
        List<ByteBuf> packets = packetizer.packetize(ps, unit.pts90k(), alloc);
        for (ByteBuf rtp : packets) {
            if (tcp) {
                channel.write(alloc.buffer(2).writeShort(rtp.readableBytes()), channel.voidPromise());
                channel.write(rtp, channel.voidPromise());
            } else {
                channel.write(new DatagramPacket(rtp, target), channel.voidPromise());
            }
        }
        packetsSent += packets.size();
    }

    /** A superior sends nothing on the media path (an RTCP report at most): read and drop. */
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
