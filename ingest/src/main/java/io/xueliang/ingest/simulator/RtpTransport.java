package io.xueliang.ingest.simulator;

import java.net.InetSocketAddress;

/**
 * Where a session's RTP and RTCP go: interleaved on the RTSP connection, or UDP to the client's ports.
 *
 * @param interleaved true for RTP/AVP/TCP
 * @param rtpChannel interleaved channel of RTP (TCP only)
 * @param rtcpChannel interleaved channel of RTCP (TCP only)
 * @param clientRtp client's RTP address (UDP only)
 * @param clientRtcp client's RTCP address (UDP only)
 */
record RtpTransport(boolean interleaved, int rtpChannel, int rtcpChannel, InetSocketAddress clientRtp,
        InetSocketAddress clientRtcp) {

    static RtpTransport tcp(int rtpChannel, int rtcpChannel) {
        return new RtpTransport(true, rtpChannel, rtcpChannel, null, null);
    }

    static RtpTransport udp(InetSocketAddress rtp, InetSocketAddress rtcp) {
        return new RtpTransport(false, -1, -1, rtp, rtcp);
    }
}
