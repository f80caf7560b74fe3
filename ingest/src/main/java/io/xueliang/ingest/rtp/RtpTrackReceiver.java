package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.rtcp.RtcpBye;
import io.xueliang.ingest.rtp.rtcp.RtcpPacket;
import io.xueliang.ingest.rtp.rtcp.RtcpParser;
import io.xueliang.ingest.rtp.rtcp.RtcpReceiverReportWriter;
import io.xueliang.ingest.rtp.rtcp.RtcpReportBlock;
import io.xueliang.ingest.rtp.rtcp.RtcpSenderReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * One received track, top to bottom: RTP bytes → {@link RtpPacket} → {@link RtpSequenceTracker}
 * → {@link RtpClock} → {@link Depacketizer}; RTCP bytes → sender reports anchor the clock and feed
 * the next receiver report. Used from the camera's event loop; never blocks.
 *
 * <p>The caller owns the buffers it passes in and releases them after the call.
 */
public final class RtpTrackReceiver {
    private final Depacketizer depacketizer;
    private final RtpSequenceTracker tracker;
    private final RtpClock clock;
    private final InstantSource time;
    private final long receiverSsrc;
    private final String cname;
    private final long maxSenderClockSkewNanos;

    private RtcpSenderReport pendingSenderReport;
    private long lastSenderReportMiddle;
    private long lastSenderReportArrivalNanos;
    private boolean haveSenderReport;

    private long packets;
    private long payloadBytes;
    private long byes;
    private long senderReportsIgnored;

    /** Default for {@link #RtpTrackReceiver(Depacketizer, int, InstantSource, long, String, Duration)}. */
    public static final Duration DEFAULT_MAX_SENDER_CLOCK_SKEW = Duration.ofSeconds(30);

    /** As the full constructor with {@link #DEFAULT_MAX_SENDER_CLOCK_SKEW}. */
    public RtpTrackReceiver(Depacketizer depacketizer, int clockRate, InstantSource time, long receiverSsrc,
            String cname) {
        this(depacketizer, clockRate, time, receiverSsrc, cname, DEFAULT_MAX_SENDER_CLOCK_SKEW);
    }

    /**
     * @param clockRate            the track's RTP clock rate
     * @param time                 arrival time source (the wall clock before any sender report, and jitter)
     * @param receiverSsrc         our SSRC in receiver reports
     * @param cname                our CNAME in receiver reports (at most 255 bytes)
     * @param maxSenderClockSkew   a sender report whose NTP time is further than this from our clock
     *                             is not used as the wall-clock anchor: cameras with an unset clock
     *                             or a wrong time zone would otherwise date every recording wrongly
     *                             (the report still feeds LSR/DLSR)
     */
    public RtpTrackReceiver(Depacketizer depacketizer, int clockRate, InstantSource time, long receiverSsrc,
            String cname, Duration maxSenderClockSkew) {
        this.depacketizer = Objects.requireNonNull(depacketizer, "depacketizer");
        this.tracker = new RtpSequenceTracker(clockRate);
        this.clock = new RtpClock(clockRate);
        this.time = Objects.requireNonNull(time, "time");
        this.receiverSsrc = receiverSsrc;
        this.cname = Objects.requireNonNull(cname, "cname");
        this.maxSenderClockSkewNanos = maxSenderClockSkew.toNanos();
    }

    /**
     * Handles one RTP packet.
     *
     * @return what the packet meant for the stream
     * @throws RtpFormatException when the packet or its payload is malformed
     */
    public RtpSequenceTracker.Verdict onRtp(ByteBuf rtp) {
        RtpPacket packet = RtpPacket.parse(rtp);
        Instant arrival = time.instant();
        RtpSequenceTracker.Verdict verdict = tracker.onPacket(packet, epochNanos(arrival));
        if (!verdict.deliver()) {
            return verdict;
        }
        packets++;
        payloadBytes += packet.payload().readableBytes();
        boolean reset = verdict == RtpSequenceTracker.Verdict.RESTARTED
                || verdict == RtpSequenceTracker.Verdict.SSRC_CHANGED;
        long continuous = clock.onPacket(tracker.extendedTimestamp(), reset, arrival);
        if (reset) {
            haveSenderReport = false;
        }
        if (pendingSenderReport != null && pendingSenderReport.ssrc() == tracker.ssrc()) {
            applySenderReport(pendingSenderReport, arrival);
        }
        pendingSenderReport = null;
        if (verdict.discontinuity() && verdict != RtpSequenceTracker.Verdict.FIRST) {
            depacketizer.onLoss();
        }
        depacketizer.onPacket(packet, continuous, clock.wallClock(continuous));
        return verdict;
    }

    /**
     * Handles one compound RTCP packet from the camera.
     *
     * @throws RtpFormatException when it is malformed
     */
    public void onRtcp(ByteBuf rtcp) {
        for (RtcpPacket p : RtcpParser.parse(rtcp)) {
            if (p instanceof RtcpSenderReport sr) {
                if (!tracker.started()) {
                    pendingSenderReport = sr;
                } else if (sr.ssrc() == tracker.ssrc()) {
                    applySenderReport(sr, time.instant());
                }
            } else if (p instanceof RtcpBye bye && bye.ssrcs().contains(tracker.ssrc())) {
                byes++;
            }
        }
    }

    private void applySenderReport(RtcpSenderReport sr, Instant arrival) {
        lastSenderReportMiddle = sr.ntpMiddle32();
        lastSenderReportArrivalNanos = epochNanos(arrival);
        haveSenderReport = true;
        // Cameras without a synchronised clock send an all-zero NTP timestamp: no anchor then.
        if (sr.ntpTimestamp() == 0
                || Math.abs(epochNanos(sr.ntpInstant()) - epochNanos(arrival)) > maxSenderClockSkewNanos) {
            senderReportsIgnored++;
            return;
        }
        clock.onSenderReport(tracker.extendTimestamp(sr.rtpTimestamp()), sr.ntpInstant());
    }

    /**
     * Appends our receiver report (RR with one block once a packet arrived, then SDES CNAME) to
     * {@code out}; call on the RTCP interval (RFC 3550 §6.2, ~5 s).
     *
     * @return bytes written
     */
    public int writeReceiverReport(ByteBuf out) {
        RtcpReportBlock block = null;
        if (tracker.started()) {
            long lsr = 0;
            long dlsr = 0;
            if (haveSenderReport) {
                lsr = lastSenderReportMiddle;
                long delayNanos = Math.max(0, epochNanos(time.instant()) - lastSenderReportArrivalNanos);
                dlsr = Math.min(0xffff_ffffL, (delayNanos << 16) / 1_000_000_000L);
            }
            long lost = tracker.cumulativeLost();
            block = new RtcpReportBlock(tracker.ssrc(), tracker.takeFractionLost(),
                    (int) Math.clamp(lost, -0x800000L, 0x7fffffL), tracker.extendedHighestSequence() & 0xffff_ffffL,
                    tracker.jitter() & 0xffff_ffffL, lsr, dlsr);
        }
        return RtcpReceiverReportWriter.write(out, receiverSsrc, block, cname);
    }

    public RtpSequenceTracker tracker() {
        return tracker;
    }

    public RtpClock clock() {
        return clock;
    }

    public Depacketizer depacketizer() {
        return depacketizer;
    }

    /** Packets delivered to the depacketiser. */
    public long packets() {
        return packets;
    }

    /** Payload bytes delivered to the depacketiser. */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** BYE packets received for the current source. */
    public long byes() {
        return byes;
    }

    /** Sender reports not used as wall-clock anchor (zero NTP time or skew over the limit). */
    public long senderReportsIgnored() {
        return senderReportsIgnored;
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
