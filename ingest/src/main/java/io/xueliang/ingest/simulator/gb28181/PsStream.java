package io.xueliang.ingest.simulator.gb28181;

import io.netty.channel.EventLoop;
import io.xueliang.ingest.ps.PsMuxer;
import io.xueliang.ingest.ps.PsRtpSocket;
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
 * into MPEG-PS ({@link PsMuxer}) and sent as RTP with the SSRC of the INVITE's {@code y=} on a {@link PsRtpSocket}
 * (UDP from a socket of its own, or TCP to a platform that listens). Everything runs on one event loop. A TCP
 * connection that does not drain loses whole frames up to the next keyframe, counted, as the RTSP simulator does.
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
    private final GbSimulatorCounters counters;
    private final Ended ended;
    private final CameraId camera;
    private final StreamDescription description;
    private final PsMuxer muxer;
    private final PsRtpSocket socket;
    private final ClipClock clock;

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
        this.counters = context.counters();
        this.ended = ended;
        this.camera = CameraId.of(channelId);
        List<byte[]> sets = source.parameterSets();
        this.description = source.codec() == Codec.H264
                ? StreamDescription.h264(List.of(sets.get(0)), List.of(sets.get(1)), 0, 0)
                : StreamDescription.h265(List.of(sets.get(0)), List.of(sets.get(1)), List.of(sets.get(2)), 0, 0);
        this.muxer = new PsMuxer(source.codec(), null);
        this.socket = new PsRtpSocket(loop, target, tcp, ssrc, ThreadLocalRandom.current().nextInt(1 << 16));
        this.clock = new ClipClock(source, 0);
    }

    /** Prepares the stream before the answer; completes with the port to announce ({@link PsRtpSocket#open}). */
    CompletableFuture<Integer> open() {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        loop.execute(() -> socket.open(context.datagram(loop), context.options().bindHost()).whenComplete((p, e) -> {
            if (e != null) {
                port.completeExceptionally(e);
            } else {
                port.complete(p);
            }
        }));
        return port;
    }

    /** Starts sending (after the ACK); over TCP connects first. Any thread. */
    void play() {
        loop.execute(() -> {
            if (stopped || playing) {
                return;
            }
            playing = true;
            socket.connect(context.socket(loop), LOW_WATER_MARK, HIGH_WATER_MARK, this::fail).thenRun(() -> {
                if (!stopped) {
                    startTicking();
                }
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
            socket.close();
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
        if (stopped || !socket.active()) {
            return; // closed under us (a UDP port unreachable, a reset): the BYE ends the call
        }
        long now = System.nanoTime();
        boolean wrote = false;
        while (clock.due(now)) {
            long global = clock.next();
            int f = clock.clipFrame(global);
            if (!socket.writable()) {
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
            if (socket.tcp()) {
                socket.flush(); // several frames due at once: let writability tell a slow reader from our burst
            }
        }
        if (wrote && !socket.tcp()) {
            socket.flush();
        }
    }

    private void sendFrame(int frame, long pts90k) {
        AccessUnit unit = AccessUnit.handOver(camera, description, pts90k, Instant.now(), source.keyframe(frame),
                source.frameUnits(frame));
        long bytes = socket.write(muxer.mux(unit), pts90k);
        counters.packetsSent.add(socket.lastPackets());
        counters.bytesSent.add(bytes);
    }
}
