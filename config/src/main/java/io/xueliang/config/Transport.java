package io.xueliang.config;

import java.util.Locale;

/** How RTP reaches us from a camera: interleaved in the RTSP TCP connection, or as UDP datagrams. */
public enum Transport {
    /** RTP interleaved in the RTSP connection (RFC 2326 §10.12): passes NAT and firewalls, no loss. */
    TCP,
    /** RTP and RTCP on a pair of UDP ports from {@code ingest.udpPortMin..udpPortMax}. */
    UDP,
    /**
     * TCP interleaved first, UDP when the camera answers the SETUP {@code 461 Unsupported Transport}
     * (VLC's RTSP server and some older DVRs refuse TCP), as ffmpeg and commercial systems do.
     */
    AUTO;

    /** The spelling in the configuration file: {@code tcp}, {@code udp} or {@code auto}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
