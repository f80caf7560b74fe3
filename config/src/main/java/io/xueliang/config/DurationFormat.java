package io.xueliang.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The written form of a {@link Duration} in the configuration file: a whole number and a unit,
 * {@code 500ms}, {@code 10s}, {@code 2m} or {@code 1h}. A unit is required: a bare {@code 10}
 * could mean seconds or milliseconds, and guessing wrong turns a 10 s timeout into 10 ms.
 */
public final class DurationFormat {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    private DurationFormat() {
    }

    /** The duration written as {@code text}, or empty when it is not of the form number + unit. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /** The shortest written form: the largest unit that divides the duration exactly. */
    public static String format(Duration d) {
        if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanosPart() != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
