package io.xueliang.config;

/** How RTP travels from a camera: interleaved in the RTSP TCP connection, or over UDP. */
public enum Transport {
    TCP,
    UDP
}
