package io.xueliang.ingest.rtp.rtcp;

import java.util.List;

/** Goodbye (RFC 3550 §6.6): the sources leaving, with an optional reason. */
public record RtcpBye(List<Long> ssrcs, String reason) implements RtcpPacket {
    public RtcpBye {
        ssrcs = List.copyOf(ssrcs);
    }
}
