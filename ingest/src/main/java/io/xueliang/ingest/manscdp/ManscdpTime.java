package io.xueliang.ingest.manscdp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * GB/T 28181 times: local wall-clock time without a zone, {@code 2026-12-07T20:15:30}. Read
 * leniently, because devices write {@code 2026-12-07 20:15:30} (a space),
 * {@code 2026-12-07T20:15:30.123} (milliseconds), or append a {@code Z} or an offset;
 * an explicit offset is honoured, anything else is taken in the configured zone. Written strictly,
 * to the second, in the configured zone.
 */
public final class ManscdpTime {
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private ManscdpTime() {
    }

    /** Parses a device's time in {@code zone} unless it carries an offset. */
    public static Instant parse(String text, ZoneId zone) throws DateTimeException {
        String t = text.strip();
        if (t.length() > 40) {
            throw new DateTimeParseException("time longer than 40 characters", t.substring(0, 40), 0);
        }
        var parsed = READ.parse(t);
        LocalDateTime local = LocalDateTime.of(
                parsed.get(ChronoField.YEAR), parsed.get(ChronoField.MONTH_OF_YEAR), parsed.get(ChronoField.DAY_OF_MONTH),
                parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR), parsed.get(ChronoField.SECOND_OF_MINUTE),
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return local.toInstant(java.time.ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)));
        }
        return local.atZone(zone).toInstant();
    }

    /** Formats {@code instant} as GB's local time in {@code zone}, to the second. */
    public static String format(Instant instant, ZoneId zone) {
        return WRITE.format(LocalDateTime.ofInstant(instant, zone));
    }
}
