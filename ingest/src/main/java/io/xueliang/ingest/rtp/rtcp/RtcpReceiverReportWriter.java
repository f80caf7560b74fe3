package io.xueliang.ingest.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes the compound RTCP packet a receiver sends (RFC 3550 §6.1: every compound packet starts
 * with a report and carries an SDES CNAME): an RR with zero or one report block, then SDES.
 *
 * <pre>
 * RR:   |V=2|P| RC |PT=201| length | reporter SSRC | report block (24 bytes) x RC |
 * SDES: |V=2|P| SC=1 |PT=202| length | reporter SSRC | CNAME=1 | len | text | 0 ... pad to 32 bits |
 * </pre>
 */
public final class RtcpReceiverReportWriter {
    /** CNAME text is one byte of length on the wire. */
    public static final int MAX_CNAME_BYTES = 255;

    private RtcpReceiverReportWriter() {
    }

    /**
     * Appends RR (+ block when non-null) and SDES CNAME to {@code out}.
     *
     * @return bytes written
     */
    public static int write(ByteBuf out, long reporterSsrc, RtcpReportBlock block, String cname) {
        int start = out.writerIndex();
        int rc = block == null ? 0 : 1;
        out.writeByte(0x80 | rc);
        out.writeByte(RtcpPacket.RR);
        out.writeShort(1 + rc * 6);
        out.writeInt((int) reporterSsrc);
        if (block != null) {
            out.writeInt((int) block.ssrc());
            out.writeByte(block.fractionLost());
            int lost = Math.clamp(block.cumulativeLost(), -0x800000, 0x7fffff);
            out.writeMedium(lost);
            out.writeInt((int) block.extendedHighestSequence());
            out.writeInt((int) block.jitter());
            out.writeInt((int) block.lastSenderReport());
            out.writeInt((int) block.delaySinceLastSenderReport());
        }
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_CNAME_BYTES) {
            throw new IllegalArgumentException("CNAME longer than " + MAX_CNAME_BYTES + " bytes");
        }
        // SSRC (4) + type (1) + length (1) + text + at least one zero terminator, padded to 4.
        int chunk = (4 + 2 + text.length + 1 + 3) & ~3;
        out.writeByte(0x81);
        out.writeByte(RtcpPacket.SDES);
        out.writeShort(chunk / 4);
        out.writeInt((int) reporterSsrc);
        out.writeByte(RtcpSourceDescription.CNAME);
        out.writeByte(text.length);
        out.writeBytes(text);
        out.writeZero(chunk - 6 - text.length);
        return out.writerIndex() - start;
    }
}
