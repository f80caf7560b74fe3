package io.xueliang.ingest.rtsp;

import java.net.URI;

/**
 * The camera refused our credentials after the one retry (two with {@code stale=true}), or asked
 * for credentials the URI does not have. Not retriable: hammering a camera with a wrong password
 * locks the account on Hikvision and Dahua firmware.
 */
public final class RtspAuthenticationException extends RtspException {
    private final String method;
    private final int attempts;

    public RtspAuthenticationException(String message, URI redactedUri, String method, int attempts) {
        super(method + ": " + message + " after " + attempts + " authenticated attempt(s)", redactedUri, null);
        this.method = method;
        this.attempts = attempts;
    }

    public String method() {
        return method;
    }

    /** Requests sent with an Authorization header before giving up. */
    public int attempts() {
        return attempts;
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
