package io.xueliang.storage.export;

import java.util.Locale;

/**
 * An export job's life: queued, running, then done or failed; paused (back to queued) while writing it would take the
 * volume below the recording floor; expired once a done package is deleted after {@code exports.expireAfter}.
 */
public enum ExportStatus {
    QUEUED, RUNNING, PAUSED, DONE, FAILED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
