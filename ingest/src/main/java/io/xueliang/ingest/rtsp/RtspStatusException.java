package io.xueliang.ingest.rtsp;

import java.net.URI;

/** The camera answered with a status that ends the session (4xx, 5xx, 3xx without Location). */
public final class RtspStatusException extends RtspException {
    private final int code;
    private final String reason;
    private final String method;

    public RtspStatusException(int code, String reason, URI redactedUri, String method) {
        super(method + " answered " + code + " " + reason, redactedUri, null);
        this.code = code;
        this.reason = reason;
        this.method = method;
    }

    public RtspStatusException(int code, String reason, URI redactedUri) {
        this(code, reason, redactedUri, "request");
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String method() {
        return method;
    }

    /** 5xx (camera overloaded, 503 while booting), 454 (session lost) and 453 (not enough bandwidth). */
    @Override
    public boolean retriable() {
        return code >= 500 || code == 454 || code == 453;
    }
}
