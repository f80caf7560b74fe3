package io.xueliang.ingest.rtp;

import java.time.Instant;

/**
 * Turns one track's RTP payloads, in sequence order, into {@link io.xueliang.media.AccessUnit}s
 * handed to the sink it was built with. One instance per track, called from one thread.
 *
 * <p>The caller feeds only packets the {@link RtpSequenceTracker} delivers, and calls
 * {@link #onLoss()} before a packet whose verdict is a discontinuity.
 */
public interface Depacketizer {
    /**
     * Consumes one packet. The packet's payload is only valid during the call.
     *
     * @param continuousTimestamp the packet's timestamp on the track's continuous timeline, in
     *                            clock-rate units ({@link RtpClock#onPacket}); monotonic per camera
     * @param wallClock           the capture instant of that timestamp ({@link RtpClock#wallClock})
     * @throws RtpFormatException when the payload's structure is broken
     */
    void onPacket(RtpPacket packet, long continuousTimestamp, Instant wallClock);

    /** Packets are missing before the next one: whatever depends on them is dropped. */
    void onLoss();

    /** Counters since construction. */
    DepacketizerCounters counters();

    /**
     * Access units completed whole since construction: emitted, or dropped only because a keyframe
     * was awaited. The camera's liveness is judged on it: a stream of fragments that never complete
     * a unit is no picture, however many bytes it carries. Cheap enough to read after every packet.
     */
    default long assembledUnits() {
        DepacketizerCounters c = counters();
        return c.emitted() + c.droppedAwaitingKey();
    }
}
