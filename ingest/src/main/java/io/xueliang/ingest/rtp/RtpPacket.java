package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;

/**
 * One RTP packet's fixed header and a view of its payload (RFC 3550 §5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |       CSRC identifiers (CC x 32 bits), skipped                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | X: profile (16) | length in 32-bit words (16) | extension ... |  skipped
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | payload ...                     | padding | pad count (8) (P) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The payload is a slice of the caller's buffer, neither copied nor retained: it is valid only
 * while the caller holds that buffer, so depacketisers copy out what they keep.
 */
public final class RtpPacket {
    /** Fixed header size in bytes. */
    public static final int HEADER_BYTES = 12;

    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final int csrcCount;
    private final ByteBuf payload;

    private RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
            int csrcCount, ByteBuf payload) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.csrcCount = csrcCount;
        this.payload = payload;
    }

    /**
     * Parses the readable bytes of {@code buf} as one RTP packet without moving its indexes.
     *
     * @throws RtpFormatException when the header is broken or a length points past the end
     */
    public static RtpPacket parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < HEADER_BYTES) {
            throw new RtpFormatException(RtpFormatException.Problem.TRUNCATED_HEADER, HEADER_BYTES, length,
                    "RTP header");
        }
        int b0 = buf.getUnsignedByte(start);
        int version = b0 >>> 6;
        if (version != 2) {
            throw new RtpFormatException(RtpFormatException.Problem.BAD_VERSION, 2, version, "RTP version");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0f;
        int b1 = buf.getUnsignedByte(start + 1);
        int offset = HEADER_BYTES + 4 * csrcCount;
        if (offset > length) {
            throw new RtpFormatException(RtpFormatException.Problem.CSRC_BEYOND_END, offset, length,
                    csrcCount + " CSRC identifiers");
        }
        if (extension) {
            if (offset + 4 > length) {
                throw new RtpFormatException(RtpFormatException.Problem.EXTENSION_BEYOND_END, offset + 4, length,
                        "header extension header");
            }
            int words = buf.getUnsignedShort(start + offset + 2);
            offset += 4 + 4 * words;
            if (offset > length) {
                throw new RtpFormatException(RtpFormatException.Problem.EXTENSION_BEYOND_END, offset, length,
                        "header extension of " + words + " words");
            }
        }
        int end = length;
        if (padding) {
            if (end == offset) {
                throw new RtpFormatException(RtpFormatException.Problem.BAD_PADDING, 1, 0,
                        "padding flag set but no payload");
            }
            int pad = buf.getUnsignedByte(start + length - 1);
            if (pad == 0 || pad > end - offset) {
                throw new RtpFormatException(RtpFormatException.Problem.BAD_PADDING, pad, end - offset,
                        "padding count");
            }
            end -= pad;
        }
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7f, buf.getUnsignedShort(start + 2),
                buf.getUnsignedInt(start + 4), buf.getUnsignedInt(start + 8), csrcCount,
                buf.slice(start + offset, end - offset));
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0-65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit RTP timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    /** 32-bit SSRC as an unsigned value. */
    public long ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    /** A slice of the caller's buffer holding the payload without padding; not retained. */
    public ByteBuf payload() {
        return payload;
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " " + payload.readableBytes() + "B]";
    }
}
