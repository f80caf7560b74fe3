package io.xueliang.ingest.rtp.rtcp;

import java.util.List;

/** A receiver report (RFC 3550 §6.4.2): the reporter's SSRC and its report blocks. */
public record RtcpReceiverReport(long ssrc, List<RtcpReportBlock> reports) implements RtcpPacket {
    public RtcpReceiverReport {
        reports = List.copyOf(reports);
    }
}
