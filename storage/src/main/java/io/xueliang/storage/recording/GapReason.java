package io.xueliang.storage.recording;

import java.util.Locale;

/** Why recorded time is missing; stored and answered by its lower-case name with '-' for '_'. */
public enum GapReason {
    /** The camera stopped sending (outage, reboot, network) until it was back. */
    DISCONNECTED,
    /** The camera's clock stepped; time is not bent across a step, a new segment starts after it. */
    CLOCK_JUMP,
    /** The server was stopped or crashed. */
    SERVER_DOWN,
    /** Recording paused because no disk space could be freed. */
    PAUSED,
    /** Recording stopped because a write failed for lack of space, until the volume had room again. */
    DISK_FULL,
    /** Footage removed to keep the free-space floor before it reached its retention age. */
    DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static GapReason fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
