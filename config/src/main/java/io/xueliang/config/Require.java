package io.xueliang.config;

import java.time.Duration;

/** The checks shared by the configuration records; each failure names the record component. */
final class Require {
    private Require() {
    }

    static <T> T nonNull(String key, T value) {
        if (value == null) {
            throw new ConfigException(key, "must not be null");
        }
        return value;
    }

    static int between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static double between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value));
        }
        return value;
    }

    static Duration between(String key, Duration value, Duration min, Duration max) {
        nonNull(key, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key, "must be between " + DurationFormat.format(min) + " and "
                    + DurationFormat.format(max) + ", got " + DurationFormat.format(value));
        }
        return value;
    }

    static String notBlank(String key, String value) {
        nonNull(key, value);
        if (value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value;
    }

    /** Whole numbers print without a fraction ({@code 90}, not {@code 90.0}). */
    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
