package io.xueliang.ingest.rtsp;

/** How RTP travels: inside the RTSP connection (default, NAT- and firewall-proof) or over UDP. */
public enum RtspTransport {
    TCP, UDP
}
