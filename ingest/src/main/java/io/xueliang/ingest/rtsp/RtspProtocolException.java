package io.xueliang.ingest.rtsp;

import java.net.URI;

/**
 * The camera said something this client cannot use: malformed bytes, a broken limit, an SDP
 * without H.264/H.265 video, a Transport answer without channels or ports.
 */
public final class RtspProtocolException extends RtspException {
    private final boolean retriable;

    public RtspProtocolException(String message, URI redactedUri, boolean retriable, Throwable cause) {
        super(message, redactedUri, cause);
        this.retriable = retriable;
    }

    @Override
    public boolean retriable() {
        return retriable;
    }
}
