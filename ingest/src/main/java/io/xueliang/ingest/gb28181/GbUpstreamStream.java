package io.xueliang.ingest.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.xueliang.ingest.ps.PsMuxer;
import io.xueliang.ingest.ps.PsRtpSocket;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamReader;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of our cameras sent to a superior platform: the video access units of a {@link Feed} (live from the camera's
 * {@link StreamHub}, or read from its recordings), each muxed into MPEG-PS ({@link PsMuxer}) and sent as RTP with the
 * SSRC of the superior's {@code y=} on a {@link PsRtpSocket} (UDP, or TCP to a superior that listens).
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
    private final Bootstrap socketBootstrap;
    private final String bindHost;
    private final Feed feed;
    private final PsRtpSocket socket;
    private final Ended ended;

    private boolean wrote;
    private PsMuxer muxer;
    private Codec codec;
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
        this.socketBootstrap = socket;
        this.bindHost = bindHost;
        this.feed = feed;
        this.ended = ended;
        this.socket = new PsRtpSocket(loop, target, tcp, ssrc, ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** Prepares the stream before the answer; completes with the port to announce ({@link PsRtpSocket#open}). */
    CompletableFuture<Integer> open() {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        loop.execute(() -> socket.open(datagram, bindHost).whenComplete((p, e) -> {
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
            socket.connect(socketBootstrap, LOW_WATER_MARK, HIGH_WATER_MARK, this::fail).thenRun(() -> {
                if (!stopped) {
                    feed.start(this);
                }
            });
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
            socket.close();
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

    /** Whether a TCP connection has more queued than its high-water mark: a recorded feed waits. Any thread. */
    boolean busy() {
        return socket.tcp() && socket.active() && !socket.writable();
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
        if (stopped || !socket.active() || !unit.isVideo()) {
            return; // closed under us (a UDP port unreachable, a reset): the BYE ends the call
        }
        if (unit.isKeyframe() && unit.codec() != codec) {
            codec = unit.codec();
            muxer = new PsMuxer(codec, null);
        }
        if (muxer == null || unit.codec() != codec) {
            return; // before the first keyframe, or a codec change before its keyframe
        }
        if (mayDrop && !socket.writable()) {
            skipping = true;
        } else if (skipping && unit.isKeyframe()) {
            skipping = false;
        }
        if (!skipping) {
            socket.write(muxer.mux(unit), unit.pts90k());
            packetsSent += socket.lastPackets();
            wrote = true;
        }
    }

    /** Flushes what {@link #deliver} wrote; on the stream's loop. */
    void flush() {
        if (wrote) {
            wrote = false;
            socket.flush();
        }
    }

    EventLoop loop() {
        return loop;
    }
}
