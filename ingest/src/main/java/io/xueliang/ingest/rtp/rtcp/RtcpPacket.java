package io.xueliang.ingest.rtp.rtcp;

/** One packet of a compound RTCP packet that we understand; others are skipped by the parser. */
public sealed interface RtcpPacket
        permits RtcpSenderReport, RtcpReceiverReport, RtcpSourceDescription, RtcpBye {
    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;
}
