package io.xueliang.ingest.sip.transaction;

import io.xueliang.ingest.wire.WireText;
import java.time.Duration;

/**
 * A request got no final answer in time (Timer B or F, or {@link SipTimers#inviteProceeding()}): the device is
 * offline or unreachable. Retrying may succeed, once it is back.
 */
public final class SipTransactionTimeoutException extends Exception {
    private final String method;
    private final String requestUri;
    private final Duration after;

    public SipTransactionTimeoutException(String method, String requestUri, Duration after) {
        super(WireText.escape(method + " " + requestUri) + ": no final response after " + after.toMillis() + " ms");
        this.method = method;
        this.requestUri = requestUri;
        this.after = after;
    }

    public String method() {
        return method;
    }

    public String requestUri() {
        return requestUri;
    }

    public Duration after() {
        return after;
    }
}
