package io.xueliang.ingest.rtsp;

import java.net.URI;
import java.time.Duration;

/** A request got no answer within the configured time. */
public final class RtspTimeoutException extends RtspException {
    private final String method;
    private final Duration timeout;

    public RtspTimeoutException(String method, Duration timeout, URI redactedUri) {
        super(method + " unanswered after " + timeout.toMillis() + " ms", redactedUri, null);
        this.method = method;
        this.timeout = timeout;
    }

    public String method() {
        return method;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
