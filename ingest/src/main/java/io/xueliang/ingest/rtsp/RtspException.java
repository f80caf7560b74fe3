package io.xueliang.ingest.rtsp;

import java.net.URI;

/**
 * Why an RTSP session ended. Carries the URI with the password replaced by {@code ***} and
 * whether reconnecting may succeed, which drives the supervisor's backoff.
 */
public abstract sealed class RtspException extends Exception permits RtspStatusException,
        RtspAuthenticationException, RtspProtocolException, RtspConnectionException, RtspTimeoutException {

    private final URI redactedUri;

    protected RtspException(String message, URI redactedUri, Throwable cause) {
        super(message + " (" + redactedUri + ")", cause);
        this.redactedUri = redactedUri;
    }

    public URI redactedUri() {
        return redactedUri;
    }

    /** True when the same request may succeed later (camera rebooting, network down, overload). */
    public abstract boolean retriable();
}
