package io.xueliang.ingest.supervisor;

import java.time.Duration;

/** The watchdog ended a session that completed no video access unit for too long. */
public final class NoDataException extends Exception {
    private final Duration silence;

    public NoDataException(Duration silence) {
        super("no video access unit from camera for " + silence.toMillis() + " ms");
        this.silence = silence;
    }

    public Duration silence() {
        return silence;
    }
}
