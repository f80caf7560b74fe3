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
 * One of our cameras sent to a superior platform: the video access units of a {@link Feed} (live from the camera's
 * {@link StreamHub}, or read from its recordings), each muxed into MPEG-PS ({@link PsMuxer}) and cut into RTP
 * ({@link PsRtpPacketizer}) with the SSRC of the superior's {@code y=}. Over UDP from a socket of its own; over TCP
 * (the superior offered {@code TCP/RTP/AVP} with {@code a=setup:passive}) on a connection we make to its port, each
 * packet behind its RFC 4571 two-byte length.
 *
 * <p>Runs on one event loop. Live, the hub's reader is bounded (units and bytes): a superior that reads slower than
 * the camera sends loses whole frames up to the next keyframe, in the reader (UDP) or when the TCP connection stops
 * draining; the camera and its other readers never wait for it. Recorded video instead waits for the connection.
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
        /**
         * The stream ended by itself: its TCP connection failed or closed, or (finished) its recording came to the
         * end; on any thread.
         */
        void ended(String why, boolean finished);
    }

    /** Where the units come from. */
    interface Feed {
        /** Starts giving the stream units ({@link #deliver}); on the stream's loop, once its socket is ready. */
        void start(GbUpstreamStream stream);

        /** Stops giving units; idempotent, any thread. */
        void stop();
    }

    /** The camera's live video: a bounded reader of its hub, drained on the stream's loop. */
    static Feed live(StreamHub hub, String readerName) {
        return new Feed() {
            private final AtomicBoolean drainScheduled = new AtomicBoolean();
            private StreamReader reader;

            @Override
            public void start(GbUpstreamStream stream) {
                reader = hub.subscribe(readerName, READER_UNITS, READER_BYTES);
                reader.onAvailable(() -> {
                    if (drainScheduled.compareAndSet(false, true)) {
                        stream.loop.execute(() -> drain(stream));
                    }
                });
                drain(stream);
            }

            private void drain(GbUpstreamStream stream) {
                drainScheduled.set(false);
                for (AccessUnit unit = reader.poll(); unit != null; unit = reader.poll()) {
                    stream.deliver(unit, true);
                }
                stream.flush();
            }

            @Override
            public void stop() {
                if (reader != null) {
                    reader.close();
                }
            }
        };
    }

    private final EventLoop loop;
    private final Bootstrap datagram;
    private final Bootstrap socket;
    private final String bindHost;
    private final Feed feed;
    private final InetSocketAddress target;
    private final boolean tcp;
    private final PsRtpPacketizer packetizer;
    private final Ended ended;

    private volatile Channel channel;
    private boolean wrote;
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
    GbUpstreamStream(EventLoop loop, Bootstrap datagram, Bootstrap socket, String bindHost, Feed feed,
            InetSocketAddress target, boolean tcp, long ssrc, Ended ended) {
        this.loop = loop;
        this.datagram = datagram;
        this.socket = socket;
        this.bindHost = bindHost;
        this.feed = feed;
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
                feed.start(this);
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
                feed.start(this);
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
            feed.stop();
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
        ended.ended(why, false);
    }

    /** The feed has nothing more (the end of a recording): the call is told, the socket stays until its BYE. */
    void finished() {
        loop.execute(() -> {
            if (!stopped) {
                feed.stop();
                ended.ended("the recording ended", true);
            }
        });
    }

    /** Whether a TCP connection has more queued than its high-water mark: a recorded feed waits. */
    boolean busy() {
        Channel c = channel;
        return tcp && c != null && !c.isWritable();
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Muxes and sends one unit; on the stream's loop. Video only (the cameras' audio stays with the recordings),
     * from a keyframe; {@code mayDrop}: over a TCP connection that does not drain, frames are dropped up to the next
     * keyframe. Written, not flushed: {@link #flush} after a batch.
     */
    void deliver(AccessUnit unit, boolean mayDrop) {
        Channel c = channel;
        if (stopped || c == null || !c.isActive() || !unit.isVideo()) {
            return; // closed under us (a UDP port unreachable, a reset): the BYE ends the call
        }
        if (unit.isKeyframe() && unit.codec() != codec) {
            codec = unit.codec();
            muxer = new PsMuxer(codec, null);
        }
        if (muxer == null || unit.codec() != codec) {
            return; // before the first keyframe, or a codec change before its keyframe
        }
        if (mayDrop && tcp && !c.isWritable()) {
            skipping = true;
        } else if (skipping && unit.isKeyframe()) {
            skipping = false;
        }
        if (!skipping) {
            send(unit);
            wrote = true;
        }
    }

    /** Flushes what {@link #deliver} wrote; on the stream's loop. */
    void flush() {
        Channel c = channel;
        if (wrote && c != null) {
            wrote = false;
            c.flush();
        }
    }

    EventLoop loop() {
        return loop;
    }

    private void send(AccessUnit unit) {
        Channel channel = this.channel;
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
