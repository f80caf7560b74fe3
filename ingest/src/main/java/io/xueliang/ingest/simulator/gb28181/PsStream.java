package io.xueliang.ingest.simulator.gb28181;

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
import io.xueliang.ingest.simulator.ClipClock;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One channel's live stream to the platform: the clip, paced in real time ({@link ClipClock}), muxed frame by frame
 * into MPEG-PS ({@link PsMuxer}) and cut into RTP packets ({@link PsRtpPacketizer}) with the SSRC of the INVITE's
 * {@code y=}. Over UDP from a socket of its own to the offer's address and port; over TCP (the platform offered
 * {@code TCP/RTP/AVP} with {@code a=setup:passive}) on a connection to that port, each packet behind its RFC 4571
 * length:
 * <pre>
 *  +--------+--------+----------------------------------------+
 *  | length (16 bit) | RTP header (12) | PS bytes of a frame  |   ... next packet
 *  +--------+--------+----------------------------------------+
 * </pre>
 * Everything runs on one event loop. A TCP connection that does not drain loses whole frames up to the next
 * keyframe, counted, as the RTSP simulator does.
 */
final class PsStream {
    static final long TICK_MILLIS = 10;
    /** Bytes queued on a TCP connection before frames are skipped: about one keyframe of 720p video. */
    static final int HIGH_WATER_MARK = 512 * 1024;
    static final int LOW_WATER_MARK = 128 * 1024;
    /** A PS timestamp origin of one second, so that no stream starts at the ambiguous 0. */
    private static final long PTS_ORIGIN = 90_000;

    /** What the stream tells its call. */
    interface Ended {
        /** The stream ended by itself (its TCP connection failed or closed); on the stream's loop. */
        void ended(String why);
    }

    private final EventLoop loop;
    private final GbSimulatorContext context;
    private final SimulatorSource source;
    private final InetSocketAddress target;
    private final boolean tcp;
    private final GbSimulatorCounters counters;
    private final Ended ended;
    private final CameraId camera;
    private final StreamDescription description;
    private final PsMuxer muxer;
    private final PsRtpPacketizer packetizer;
    private final ClipClock clock;

    private Channel channel;
    private io.netty.util.concurrent.ScheduledFuture<?> ticker;
    private boolean skipping;
    /** Set once the ACK came; read by the signalling thread. */
    private volatile boolean playing;
    private boolean stopped;

    /**
     * @param target where the offer asks the media to go
     * @param ssrc   the RTP SSRC: the offer's {@code y=}
     */
    PsStream(GbSimulatorContext context, EventLoop loop, String channelId, InetSocketAddress target, boolean tcp,
            long ssrc, Ended ended) {
        this.loop = loop;
        this.context = context;
        this.source = context.source();
        this.target = target;
        this.tcp = tcp;
        this.counters = context.counters();
        this.ended = ended;
        this.camera = CameraId.of(channelId);
        List<byte[]> sets = source.parameterSets();
        this.description = source.codec() == Codec.H264
                ? StreamDescription.h264(List.of(sets.get(0)), List.of(sets.get(1)), 0, 0)
                : StreamDescription.h265(List.of(sets.get(0)), List.of(sets.get(1)), List.of(sets.get(2)), 0, 0);
        this.muxer = new PsMuxer(source.codec(), null);
        this.packetizer = new PsRtpPacketizer(ssrc, PsRtpPacketizer.PAYLOAD_TYPE, PsRtpPacketizer.DEFAULT_MAX_PAYLOAD,
                ThreadLocalRandom.current().nextInt(1 << 16));
        this.clock = new ClipClock(source, 0);
    }

    /**
     * Prepares the stream before the answer: over UDP binds its socket.
     *
     * @return the port to announce in the answer's {@code m=}: the UDP socket's, or 9 (RFC 4145's discard port) over
     *     TCP, whose source port is only known once connected
     */
    CompletableFuture<Integer> open() {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        if (tcp) {
            port.complete(9);
            return port;
        }
        ChannelFuture bound = context.datagram(loop).handler(new Drain())
                .bind(new InetSocketAddress(context.options().bindHost(), 0));
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                port.completeExceptionally(f.cause());
                return;
            }
            channel = bound.channel();
            if (stopped) {
                channel.close();
            }
            port.complete(((InetSocketAddress) channel.localAddress()).getPort());
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
                startTicking();
                return;
            }
            ChannelFuture connected = context.socket(loop).handler(new Drain())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .connect(target);
            connected.addListener(f -> {
                if (!f.isSuccess()) {
                    fail("the media connection to " + target + " failed: " + f.cause().getMessage());
                    return;
                }
                channel = connected.channel();
                if (stopped) {
                    channel.close();
                    return;
                }
                channel.closeFuture().addListener(c -> loop.execute(() -> fail("the platform closed the media connection")));
                startTicking();
            });
        });
    }

    /** Whether the ACK came and the stream was told to play. */
    boolean playing() {
        return playing;
    }

    /** Stops sending and closes the socket; idempotent, any thread. */
    void stop() {
        loop.execute(() -> {
            if (stopped) {
                return;
            }
            stopped = true;
            if (ticker != null) {
                ticker.cancel(false);
                counters.streams.decrementAndGet();
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

    private void startTicking() {
        counters.streams.incrementAndGet();
        clock.start(System.nanoTime());
        ticker = loop.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped || channel == null || !channel.isActive()) {
            return; // closed under us (a UDP port unreachable, a reset): the BYE ends the call
        }
        long now = System.nanoTime();
        boolean wrote = false;
        while (clock.due(now)) {
            long global = clock.next();
            int f = clock.clipFrame(global);
            if (tcp && !channel.isWritable()) {
                skipping = true;
            } else if (skipping && source.keyframe(f)) {
                skipping = false;
            }
            if (skipping) {
                counters.framesSkipped.increment();
                continue;
            }
            sendFrame(f, PTS_ORIGIN + clock.timestamp90k(global));
            wrote = true;
            if (tcp) {
                channel.flush(); // several frames due at once: let writability tell a slow reader from our burst
            }
        }
        if (wrote && !tcp) {
            channel.flush();
        }
    }

    private void sendFrame(int frame, long pts90k) {
        AccessUnit unit = AccessUnit.handOver(camera, description, pts90k, Instant.now(), source.keyframe(frame),
                source.frameUnits(frame));
        byte[] ps = muxer.mux(unit);
        ByteBufAllocator alloc = channel.alloc();
        List<ByteBuf> packets = packetizer.packetize(ps, pts90k, alloc);
        long bytes = 0;
        for (ByteBuf rtp : packets) {
            bytes += rtp.readableBytes();
            if (tcp) {
                ByteBuf length = alloc.buffer(2).writeShort(rtp.readableBytes());
                channel.write(length, channel.voidPromise());
                channel.write(rtp, channel.voidPromise());
            } else {
                channel.write(new DatagramPacket(rtp, target), channel.voidPromise());
            }
        }
        counters.packetsSent.add(packets.size());
        counters.bytesSent.add(bytes);
    }

    /** The platform sends nothing on the media path (an RTCP report at most): read and drop. */
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
