package io.xueliang.ingest.ps;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.xueliang.ingest.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one frame's program stream bytes ({@link PsMuxer#mux}) into RTP packets (RFC 3550) as GB/T 28181 sends them:
 * payload type 96 ({@code a=rtpmap:96 PS/90000}), timestamp the frame's PTS on the 90 kHz clock, the marker on the
 * frame's last packet, sequence numbers running on across frames. The PS bytes are cut anywhere: the receiver's
 * demuxer reads them as a stream. Not thread-safe.
 */
public final class PsRtpPacketizer {
    /** The dynamic payload type GB/T 28181 uses for PS. */
    public static final int PAYLOAD_TYPE = 96;
    /** Payload per packet that keeps a UDP datagram under a 1,500-byte MTU with IP, UDP and RTP headers. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;

    private final long ssrc;
    private final int payloadType;
    private final int maxPayload;
    private int sequence;

    /**
     * @param ssrc the SSRC to send with (GB: the {@code y=} line of the INVITE, 10 decimal digits)
     * @param payloadType usually {@link #PAYLOAD_TYPE}
     * @param maxPayload largest payload per packet
     * @param firstSequence sequence number of the first packet (random, RFC 3550 §5.1)
     */
    public PsRtpPacketizer(long ssrc, int payloadType, int maxPayload, int firstSequence) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType " + payloadType);
        }
        if (maxPayload < 1 || maxPayload > 65_535 - RtpPacket.HEADER_BYTES) {
            throw new IllegalArgumentException("maxPayload " + maxPayload);
        }
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        this.payloadType = payloadType;
        this.maxPayload = maxPayload;
        this.sequence = firstSequence & 0xFFFF;
    }

    /**
     * The RTP packets of one frame, each a buffer from {@code alloc} that the caller releases (or hands to Netty).
     *
     * @param pts90k the frame's presentation time; its low 32 bits become the RTP timestamp
     */
    public List<ByteBuf> packetize(byte[] ps, long pts90k, ByteBufAllocator alloc) {
        List<ByteBuf> packets = new ArrayList<>(ps.length / maxPayload + 1);
        for (int off = 0; off < ps.length; off += maxPayload) {
            int n = Math.min(maxPayload, ps.length - off);
            boolean last = off + n == ps.length;
            ByteBuf b = alloc.buffer(RtpPacket.HEADER_BYTES + n);
            b.writeByte(0x80);
            b.writeByte((last ? 0x80 : 0) | payloadType);
            b.writeShort(sequence);
            b.writeInt((int) pts90k);
            b.writeInt((int) ssrc);
            b.writeBytes(ps, off, n);
            packets.add(b);
            sequence = (sequence + 1) & 0xFFFF;
        }
        return packets;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequence() {
        return sequence;
    }
}
