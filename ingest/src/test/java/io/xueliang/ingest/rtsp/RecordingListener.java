package io.xueliang.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A listener that records what a session reports, for assertions from the test thread. */
class RecordingListener implements RtspSessionListener {
    final CompletableFuture<List<RtspTrack>> playing = new CompletableFuture<>();
    /** Completes with the cause, or with a sentinel when closed on request (null cause). */
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    static final Throwable STOPPED = new Throwable("stopped on request");
    final AtomicInteger closedCalls = new AtomicInteger();
    final ConcurrentHashMap<Integer, AtomicLong> rtp = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Integer, AtomicLong> rtcp = new ConcurrentHashMap<>();
    final AtomicLong wrongPayloadType = new AtomicLong();
    final AtomicLong foreignDatagrams = new AtomicLong();
    final AtomicLong lastRtpNanos = new AtomicLong();
    volatile RtspClientSession session;
    private volatile List<RtspTrack> tracks = List.of();

    @Override
    public void onPlaying(RtspClientSession session, List<RtspTrack> tracks) {
        this.session = session;
        this.tracks = tracks;
        playing.complete(tracks);
    }

    @Override
    public void onRtp(int track, ByteBuf packet) {
        int version = packet.getUnsignedByte(packet.readerIndex()) >> 6;
        int payloadType = packet.getUnsignedByte(packet.readerIndex() + 1) & 0x7F;
        if (version != 2 || payloadType != tracks.get(track).payloadType()) {
            wrongPayloadType.incrementAndGet();
        }
        rtp.computeIfAbsent(track, t -> new AtomicLong()).incrementAndGet();
        lastRtpNanos.set(System.nanoTime());
    }

    @Override
    public void onRtcp(int track, ByteBuf packet) {
        rtcp.computeIfAbsent(track, t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onForeignDatagram(int track) {
        foreignDatagrams.incrementAndGet();
    }

    @Override
    public void onClosed(Throwable cause) {
        closedCalls.incrementAndGet();
        playing.completeExceptionally(cause == null ? STOPPED : cause);
        closed.complete(cause == null ? STOPPED : cause);
    }

    long rtpCount(int track) {
        AtomicLong n = rtp.get(track);
        return n == null ? 0 : n.get();
    }
}
