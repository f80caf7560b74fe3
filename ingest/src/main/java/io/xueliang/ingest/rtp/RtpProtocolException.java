package io.xueliang.ingest.rtp;

/**
 * Root of the errors raised by RTP/RTCP parsing and depacketisation: bad bytes from one camera.
 * The caller ends that camera's session (and may reconnect); it never concerns other cameras.
 */
public abstract class RtpProtocolException extends RuntimeException {
    protected RtpProtocolException(String message) {
        super(message);
    }
}
