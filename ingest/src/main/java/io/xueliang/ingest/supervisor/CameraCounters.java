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
    private volatile long lastDataNanos;
    private volatile long lastFrameNanos = Long.MIN_VALUE;

    public CameraCounters(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastDataNanos = nanoTime.getAsLong();
    }

    /** Anything arrived from the camera (an RTP or RTCP packet): the watchdog is satisfied. */
    public void dataReceived(int byteCount) {
        bytes.addAndGet(byteCount);
        lastDataNanos = nanoTime.getAsLong();
    }

    /** An access unit was published. */
    public void frame() {
        frames.incrementAndGet();
        lastFrameNanos = nanoTime.getAsLong();
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

    /** What ingest refused from the camera so far. */
    public IngestFaults faults() {
        return new IngestFaults(foreignDatagrams.get(), foreignSsrcPackets.get());
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

    long lastDataNanos() {
        return lastDataNanos;
    }

    /** Nanoseconds since the last frame arrived, or -1 before the first. */
    public long lastFrameAgeNanos() {
        long at = lastFrameNanos;
        return at == Long.MIN_VALUE ? -1 : Math.max(0, nanoTime.getAsLong() - at);
    }

    /** Restarts the no-data clock (a new session begins). */
    void touch() {
        lastDataNanos = nanoTime.getAsLong();
    }
}
