package io.xueliang.ingest.ps;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.ingest.rtp.RtpSequenceTracker;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Receives one GB/T 28181 media stream: RTP packets carrying a program stream (payload type 96, 90 kHz), over UDP
 * or, after RFC 4571 de-framing (Netty's {@code LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2)}), TCP.
 *
 * <pre>
 *  RTP bytes -> RtpPacket -> payload type check -> RtpSequenceTracker -> PsDemuxer.feed
 *                                                    | gap: PsDemuxer.onLoss (frame dropped, keyframe awaited)
 *                 marker bit or new timestamp -> PsDemuxer.endOfFrame (no waiting for the next frame)
 * </pre>
 *
 * <p>Field rules: packets of another payload type are counted and ignored; an SSRC other than the one offered in
 * the INVITE ({@code y=}) is counted but accepted, because devices often answer with another (the stream settles on
 * the first SSRC heard; a second one while it is alive is dropped by the tracker). A malformed packet is counted,
 * never thrown. Used from one thread (the channel's event loop); the caller owns and releases the buffers.
 *
 * <p>Wiring, one receiver per INVITE session:
 * <pre>
 *  PsDemuxer demuxer = new PsDemuxer(camera, ingest.maxAccessUnitBytes(), clock, hub::publish);
 *  PsRtpReceiver receiver = new PsRtpReceiver(demuxer, 96, ssrcFromTheYLine, clock);
 *  UDP: a handler of DatagramPacket calls receiver.onRtp(packet.content())
 *  TCP: pipeline LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2), then a handler of ByteBuf calling
 *       receiver.onRtp(frame) (SimpleChannelInboundHandler releases it)
 * </pre>
 */
public final class PsRtpReceiver {
    /** Pass as {@code expectedSsrc} when none was offered. */
    public static final long ANY_SSRC = -1;

    private final PsDemuxer demuxer;
    private final int payloadType;
    private final long expectedSsrc;
    private final InstantSource time;
    private final RtpSequenceTracker tracker = new RtpSequenceTracker(90_000);

    private boolean inFrame;
    private long frameTimestamp;

    private long packets;
    private long malformedPackets;
    private long otherPayloadTypePackets;
    private long otherSsrcPackets;
    private long undeliveredPackets;
    private long discontinuities;

    /**
     * @param demuxer receives the program stream
     * @param payloadType the payload type negotiated, {@link PsRtpPacketizer#PAYLOAD_TYPE} normally
     * @param expectedSsrc the SSRC offered in the INVITE, or {@link #ANY_SSRC}
     * @param time arrival time, for the tracker's jitter and SSRC takeover silence
     */
    public PsRtpReceiver(PsDemuxer demuxer, int payloadType, long expectedSsrc, InstantSource time) {
        this.demuxer = Objects.requireNonNull(demuxer, "demuxer");
        this.payloadType = payloadType;
        this.expectedSsrc = expectedSsrc < 0 ? ANY_SSRC : expectedSsrc & 0xFFFF_FFFFL;
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Handles one RTP packet (its readable bytes; indexes are not moved). */
    public void onRtp(ByteBuf rtp) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(rtp);
        } catch (RtpFormatException e) {
            malformedPackets++;
            return;
        }
        if (packet.payloadType() != payloadType) {
            otherPayloadTypePackets++;
            return;
        }
        if (expectedSsrc != ANY_SSRC && packet.ssrc() != expectedSsrc) {
            otherSsrcPackets++;
        }
        Instant now = time.instant();
        RtpSequenceTracker.Verdict verdict = tracker.onPacket(packet,
                now.getEpochSecond() * 1_000_000_000L + now.getNano());
        if (!verdict.deliver()) {
            undeliveredPackets++;
            return;
        }
        packets++;
        if (verdict.discontinuity() && verdict != RtpSequenceTracker.Verdict.FIRST) {
            // The frame in progress lost bytes: dropped, and this packet's frame is dropped unless it starts clean.
            discontinuities++;
            demuxer.onLoss();
        } else if (inFrame && packet.timestamp() != frameTimestamp) {
            // A camera that never sets the marker: the new timestamp ends the frame.
            demuxer.endOfFrame();
        }
        inFrame = true;
        frameTimestamp = packet.timestamp();
        demuxer.feed(packet.payload());
        if (packet.marker()) {
            demuxer.endOfFrame();
            inFrame = false;
        }
    }

    public PsDemuxer demuxer() {
        return demuxer;
    }

    /** Sequence, loss and jitter state (for receiver reports and metrics). */
    public RtpSequenceTracker tracker() {
        return tracker;
    }

    /** Packets handed to the demuxer. */
    public long packets() {
        return packets;
    }

    /** Packets whose RTP header did not parse. */
    public long malformedPackets() {
        return malformedPackets;
    }

    /** Packets of another payload type, ignored. */
    public long otherPayloadTypePackets() {
        return otherPayloadTypePackets;
    }

    /** Packets whose SSRC differs from the one offered, accepted all the same. */
    public long otherSsrcPackets() {
        return otherSsrcPackets;
    }

    /** Packets the tracker did not deliver: duplicates, late, an unconfirmed jump, a second live SSRC. */
    public long undeliveredPackets() {
        return undeliveredPackets;
    }

    /** Sequence gaps, restarts and SSRC changes that made the demuxer drop a frame. */
    public long discontinuities() {
        return discontinuities;
    }

    /** Packets missing in sequence gaps. */
    public long lostPackets() {
        return tracker.lostTotal();
    }
}
