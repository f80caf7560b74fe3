package io.xueliang.ingest.supervisor;

import io.xueliang.media.IngestFaults;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A camera's running totals, written by its current session on one event loop and read by
 * metrics scrapes and the watchdog from other threads.
 */
public final class CameraCounters {
    private final LongSupplier nanoTime;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rtpLost = new AtomicLong();
    private final AtomicLong foreignDatagrams = new AtomicLong();
    private final AtomicLong foreignSsrcPackets = new AtomicLong();
    private final AtomicLong unitsBroken = new AtomicLong();
    private final AtomicLong unitsAwaitingKeyframe = new AtomicLong();
    private final AtomicLong unitsOversize = new AtomicLong();
    private final AtomicLong packetsUnsupported = new AtomicLong();
    private final AtomicLong parameterSetsIgnored = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    /** When the last access unit was assembled (or the session began): what the watchdog judges. */
    private volatile long lastUnitNanos;
    private volatile long lastFrameNanos = Long.MIN_VALUE;

    public CameraCounters(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastUnitNanos = nanoTime.getAsLong();
    }

    /**
     * Bytes arrived from the camera (an RTP or RTCP packet). They do not satisfy the watchdog: a
     * camera that sends fragments which never complete a frame is not alive.
     */
    public void dataReceived(int byteCount) {
        bytes.addAndGet(byteCount);
    }

    /**
     * A video access unit was assembled whole, whether published or dropped while a keyframe is
     * awaited (a camera with a 10 s GOP is alive before its first keyframe): the watchdog is satisfied.
     */
    public void unitAssembled() {
        lastUnitNanos = nanoTime.getAsLong();
    }

    /** A video access unit was published. */
    public void frame() {
        frames.incrementAndGet();
        long now = nanoTime.getAsLong();
        lastFrameNanos = now;
        lastUnitNanos = now;
    }

    public void rtpLost(long packets) {
        if (packets > 0) {
            rtpLost.addAndGet(packets);
        }
    }

    /** A UDP datagram from an address or port the camera did not announce was dropped. */
    public void foreignDatagram() {
        foreignDatagrams.incrementAndGet();
    }

    /** RTP packets of another SSRC than the settled one were dropped. */
    public void foreignSsrcPackets(long packets) {
        if (packets > 0) {
            foreignSsrcPackets.addAndGet(packets);
        }
    }

    /** Adds what a session's depacketisers dropped since its last report. */
    public void unitsDropped(long broken, long awaitingKeyframe, long oversize, long unsupportedPackets,
            long ignoredParameterSets) {
        unitsBroken.addAndGet(broken);
        unitsAwaitingKeyframe.addAndGet(awaitingKeyframe);
        unitsOversize.addAndGet(oversize);
        packetsUnsupported.addAndGet(unsupportedPackets);
        parameterSetsIgnored.addAndGet(ignoredParameterSets);
    }

    /** A session ended because the camera broke the protocol. */
    public void protocolError() {
        protocolErrors.incrementAndGet();
    }

    /** What ingest refused from the camera so far. */
    public IngestFaults faults() {
        return new IngestFaults(foreignDatagrams.get(), foreignSsrcPackets.get(), unitsBroken.get(),
                unitsAwaitingKeyframe.get(), unitsOversize.get(), packetsUnsupported.get(), parameterSetsIgnored.get(),
                protocolErrors.get());
    }

    public long frames() {
        return frames.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long rtpLost() {
        return rtpLost.get();
    }

    long lastUnitNanos() {
        return lastUnitNanos;
    }

    /** Nanoseconds since the last frame arrived, or -1 before the first. */
    public long lastFrameAgeNanos() {
        long at = lastFrameNanos;
        return at == Long.MIN_VALUE ? -1 : Math.max(0, nanoTime.getAsLong() - at);
    }

    /** Restarts the no-data clock (a new session begins). */
    void touch() {
        lastUnitNanos = nanoTime.getAsLong();
    }
}
