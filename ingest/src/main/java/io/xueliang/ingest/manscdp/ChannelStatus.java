package io.xueliang.ingest.manscdp;

import java.util.Locale;
import java.util.Optional;

/** A catalog item's {@code Status}; devices write {@code ON}/{@code OFF} or {@code ONLINE}/{@code OFFLINE}. */
public enum ChannelStatus {
    ON, OFF;

    static Optional<ChannelStatus> parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "ONLINE", "OK" -> Optional.of(ON);
            case "OFF", "OFFLINE" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }
}
