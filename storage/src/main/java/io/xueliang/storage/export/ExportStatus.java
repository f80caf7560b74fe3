package io.xueliang.storage.export;

import java.util.Locale;

/** An export job's life: queued, running, then done or failed. */
public enum ExportStatus {
    QUEUED, RUNNING, DONE, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
