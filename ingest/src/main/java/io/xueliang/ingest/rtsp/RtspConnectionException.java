package io.xueliang.ingest.rtsp;

import java.net.URI;

/** Connecting failed or the camera closed the connection; usually a reboot or a network fault. */
public final class RtspConnectionException extends RtspException {
    public RtspConnectionException(String message, URI redactedUri, Throwable cause) {
        super(message, redactedUri, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
