package io.xueliang.ingest.rtp.rtcp;

import java.time.Instant;
import java.util.List;

/**
 * A sender report (RFC 3550 §6.4.1): the sender's wall clock (NTP format) at the instant its RTP
 * clock read {@code rtpTimestamp}, which is what maps RTP time to capture time.
 *
 * <pre>
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * |                         SSRC of sender                        |
 * |              NTP timestamp, most significant word             |
 * |             NTP timestamp, least significant word             |
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * |                  report blocks (RC x 24 bytes)                |
 * </pre>
 *
 * @param ntpTimestamp 64-bit NTP timestamp: seconds since 1900 in the high word, fraction below
 * @param rtpTimestamp 32-bit RTP timestamp, unsigned
 */
public record RtcpSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<RtcpReportBlock> reports) implements RtcpPacket {
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    public RtcpSenderReport {
        reports = List.copyOf(reports);
    }

    /** The NTP timestamp as an instant. */
    public Instant ntpInstant() {
        return ntpToInstant(ntpTimestamp);
    }

    /** The middle 32 bits of the NTP timestamp: the LSR a receiver report echoes. */
    public long ntpMiddle32() {
        return (ntpTimestamp >>> 16) & 0xffff_ffffL;
    }

    public static Instant ntpToInstant(long ntp) {
        long seconds = (ntp >>> 32) - NTP_UNIX_OFFSET_SECONDS;
        long nanos = ((ntp & 0xffff_ffffL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    public static long instantToNtp(Instant instant) {
        long seconds = instant.getEpochSecond() + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }
}
