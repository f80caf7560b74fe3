package io.xueliang.ingest.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpFormatException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a compound RTCP packet (RFC 3550 §6.1): packets back to back, each with a common header
 * whose length counts 32-bit words minus one. Unknown packet types (APP, XR, feedback) are
 * skipped; every count and length is checked against the bytes present.
 *
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|  count  |      PT       |       length (words - 1)      |
 * </pre>
 */
public final class RtcpParser {
    private RtcpParser() {
    }

    /**
     * Parses the readable bytes of {@code buf} without moving its indexes.
     *
     * @throws RtpFormatException on a wrong version or a length or count beyond the data
     */
    public static List<RtcpPacket> parse(ByteBuf buf) {
        List<RtcpPacket> out = new ArrayList<>(3);
        int pos = buf.readerIndex();
        int end = buf.writerIndex();
        while (pos < end) {
            if (end - pos < 4) {
                throw new RtpFormatException(Problem.TRUNCATED_HEADER, 4, end - pos, "RTCP header");
            }
            int b0 = buf.getUnsignedByte(pos);
            if (b0 >>> 6 != 2) {
                throw new RtpFormatException(Problem.BAD_VERSION, 2, b0 >>> 6, "RTCP version");
            }
            int count = b0 & 0x1f;
            int type = buf.getUnsignedByte(pos + 1);
            int length = (buf.getUnsignedShort(pos + 2) + 1) * 4;
            if (length > end - pos) {
                throw new RtpFormatException(Problem.RTCP_LENGTH_BEYOND_END, length, end - pos,
                        "RTCP packet type " + type);
            }
            int bodyEnd = pos + length;
            if ((b0 & 0x20) != 0) {
                int pad = buf.getUnsignedByte(bodyEnd - 1);
                if (pad == 0 || pad > length - 4) {
                    throw new RtpFormatException(Problem.BAD_PADDING, pad, length - 4, "RTCP padding");
                }
                bodyEnd -= pad;
            }
            int body = pos + 4;
            switch (type) {
                case RtcpPacket.SR -> out.add(senderReport(buf, body, bodyEnd, count));
                case RtcpPacket.RR -> out.add(receiverReport(buf, body, bodyEnd, count));
                case RtcpPacket.SDES -> out.add(sourceDescription(buf, pos, body, bodyEnd, count));
                case RtcpPacket.BYE -> out.add(bye(buf, body, bodyEnd, count));
                default -> {
                    // APP, XR, RTPFB, PSFB: nothing we act on.
                }
            }
            pos += length;
        }
        return out;
    }

    private static RtcpSenderReport senderReport(ByteBuf buf, int pos, int end, int count) {
        need(pos, end, 24 + count * RtcpReportBlock.BYTES, "SR with " + count + " report blocks");
        return new RtcpSenderReport(buf.getUnsignedInt(pos), buf.getLong(pos + 4), buf.getUnsignedInt(pos + 12),
                buf.getUnsignedInt(pos + 16), buf.getUnsignedInt(pos + 20), blocks(buf, pos + 24, count));
    }

    private static RtcpReceiverReport receiverReport(ByteBuf buf, int pos, int end, int count) {
        need(pos, end, 4 + count * RtcpReportBlock.BYTES, "RR with " + count + " report blocks");
        return new RtcpReceiverReport(buf.getUnsignedInt(pos), blocks(buf, pos + 4, count));
    }

    private static List<RtcpReportBlock> blocks(ByteBuf buf, int pos, int count) {
        List<RtcpReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += RtcpReportBlock.BYTES) {
            int lost = buf.getMedium(pos + 5); // signed 24 bits
            blocks.add(new RtcpReportBlock(buf.getUnsignedInt(pos), buf.getUnsignedByte(pos + 4), lost,
                    buf.getUnsignedInt(pos + 8), buf.getUnsignedInt(pos + 12), buf.getUnsignedInt(pos + 16),
                    buf.getUnsignedInt(pos + 20)));
        }
        return blocks;
    }

    /*
     * SDES chunk: SSRC, then items (type 8 bits, length 8 bits, text), ended by a zero type and
     * padded with zeros to a 32-bit boundary.
     */
    private static RtcpSourceDescription sourceDescription(ByteBuf buf, int packetStart, int pos, int end,
            int count) {
        List<RtcpSourceDescription.Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            need(pos, end, 4, "SDES chunk " + i);
            long ssrc = buf.getUnsignedInt(pos);
            pos += 4;
            String cname = null;
            while (true) {
                need(pos, end, 1, "SDES item type");
                int itemType = buf.getUnsignedByte(pos);
                if (itemType == 0) {
                    // Chunks start on 32-bit boundaries counted from the packet's first byte.
                    pos = packetStart + ((pos + 1 - packetStart + 3) & ~3);
                    break;
                }
                need(pos, end, 2, "SDES item length");
                int len = buf.getUnsignedByte(pos + 1);
                need(pos + 2, end, len, "SDES item");
                if (itemType == RtcpSourceDescription.CNAME) {
                    cname = buf.toString(pos + 2, len, StandardCharsets.UTF_8);
                }
                pos += 2 + len;
            }
            chunks.add(new RtcpSourceDescription.Chunk(ssrc, cname));
        }
        return new RtcpSourceDescription(chunks);
    }

    private static RtcpBye bye(ByteBuf buf, int pos, int end, int count) {
        need(pos, end, 4 * count, "BYE with " + count + " sources");
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(buf.getUnsignedInt(pos + 4 * i));
        }
        pos += 4 * count;
        String reason = null;
        if (pos < end) {
            int len = buf.getUnsignedByte(pos);
            need(pos + 1, end, len, "BYE reason");
            reason = buf.toString(pos + 1, len, StandardCharsets.UTF_8);
        }
        return new RtcpBye(ssrcs, reason);
    }

    private static void need(int pos, int end, int bytes, String what) {
        if (bytes > end - pos) {
            throw new RtpFormatException(Problem.RTCP_COUNT_BEYOND_LENGTH, bytes, end - pos, what);
        }
    }
}
