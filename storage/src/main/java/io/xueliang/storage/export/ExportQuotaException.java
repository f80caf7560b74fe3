package io.xueliang.storage.export;

import java.time.Duration;

/** A user asked for more exports than {@code exports.perUserPerDay} or {@code exports.perUserGiBPerDay} allow. */
public final class ExportQuotaException extends Exception {
    private final transient Duration retryAfter;

    public ExportQuotaException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the oldest export of the 24-hour window leaves it, and another may be asked for. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
