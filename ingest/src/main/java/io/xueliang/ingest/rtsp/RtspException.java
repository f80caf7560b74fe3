package io.xueliang.ingest.rtsp;

import io.xueliang.config.UriRedaction;
import io.xueliang.ingest.wire.WireText;
import java.net.URI;

/**
 * Why an RTSP session ended. Carries the URI with its secrets masked and whether reconnecting may
 * succeed, which drives the supervisor's backoff. The message and the URI pass through
 * {@link UriRedaction} here, whatever the caller did: a camera's SDP or Location header may echo
 * the request URI with a {@code ?pwd=} in it. Control characters a camera sent (in a reason
 * phrase, an SDP line) are escaped ({@link WireText}).
 */
public abstract sealed class RtspException extends Exception permits RtspStatusException,
        RtspAuthenticationException, RtspProtocolException, RtspConnectionException, RtspTimeoutException {

    private final URI redactedUri;

    protected RtspException(String message, URI redactedUri, Throwable cause) {
        super(WireText.escape(UriRedaction.redact(message) + " (" + UriRedaction.redact(redactedUri) + ")"), cause);
        this.redactedUri = UriRedaction.redact(redactedUri);
    }

    public URI redactedUri() {
        return redactedUri;
    }

    /** True when the same request may succeed later (camera rebooting, network down, overload). */
    public abstract boolean retriable();
}
