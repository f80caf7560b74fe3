package io.xueliang.ingest.rtp.rtcp;

import java.util.List;

/** Source description items (RFC 3550 §6.5): per SSRC, the CNAME when present. */
public record RtcpSourceDescription(List<Chunk> chunks) implements RtcpPacket {
    public static final int CNAME = 1;

    public RtcpSourceDescription {
        chunks = List.copyOf(chunks);
    }

    /** @param cname the CNAME item, or null when the chunk has none */
    public record Chunk(long ssrc, String cname) {
    }
}
