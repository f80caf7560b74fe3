package io.xueliang.ingest.sip;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The Date header as GB/T 28181 uses it for time synchronisation: the platform's 200 OK to a REGISTER carries
 * its local time, {@code Date: 2026-12-07T20:04:58.123} (ISO 8601 without zone, milliseconds; GB/T 28181-2016
 * §9.10), which devices set their clock from. RFC 3261's own form ({@code Mon, 07 Dec 2026 20:04:58 GMT}) is read
 * too and given in UTC.
 */
public final class SipDate {
    private static final DateTimeFormatter GB = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private SipDate() {
    }

    /** The GB/T 28181 form, millisecond precision. */
    public static String format(LocalDateTime time) {
        return GB.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Either form; empty when it is neither. */
    public static Optional<LocalDateTime> parse(String value) {
        String v = value.strip();
        try {
            return Optional.of(LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
