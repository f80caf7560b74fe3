package io.xueliang.ingest.rtp.rtcp;

/**
 * One reception report block (RFC 3550 §6.4.1), 24 bytes on the wire.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 SSRC of the reported source                   |
 * | fraction lost |       cumulative number of packets lost       |
 * |           extended highest sequence number received           |
 * |                      interarrival jitter                      |
 * |                         last SR (LSR)                         |
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param cumulativeLost 24-bit signed on the wire; clamped when written
 * @param lastSenderReport middle 32 bits of the last SR's NTP timestamp, 0 when none
 * @param delaySinceLastSenderReport in units of 1/65536 s, 0 when no SR
 */
public record RtcpReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    public static final int BYTES = 24;
}
