package io.xueliang.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A configuration value that cannot be accepted. Carries the key path
 * ({@code cameras[2].source}), the reason, and where known the file and line, so that the
 * command line prints {@code xueliang.yaml:14: cameras[2].source: ...} and the HTTP API can name
 * the bad field in a problem+json answer.
 *
 * <p>A record constructor throws it with a path relative to that record ({@code port}); the
 * loader re-throws it with the full path, the file and the line. A reason never contains a camera
 * password, a metrics token or the value of an environment variable used for a secret.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String path;
    private final String reason;

    /** A failure found outside any file, e.g. by a record constructor; {@code path} is relative to that record. */
    public ConfigException(String path, String reason) {
        this(null, 0, path, reason);
    }

    /**
     * @param source the file or other source name, or null when none
     * @param line the 1-based line in {@code source}, or 0 when unknown
     * @param path the key path, {@code ""} for the whole document
     * @param reason what is wrong, in words for an administrator
     */
    public ConfigException(String source, int line, String path, String reason) {
        super(message(source, line, path, reason));
        this.source = source;
        this.line = line;
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The key path of the bad value, e.g. {@code cameras[0].location.lat}; empty for the whole document. */
    public String path() {
        return path;
    }

    /** Why the value is rejected, without the file and path. */
    public String reason() {
        return reason;
    }

    /** The file or other source the value came from, when known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line of the key in {@link #source()}, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The same failure with {@code parent} put in front of its path (used when a nested record rejects a value). */
    public ConfigException under(String parent) {
        return new ConfigException(source, line, joinPath(parent, path), reason);
    }

    /**
     * Joins a parent path and a child path: {@code ("cameras[0]", "id")} gives {@code cameras[0].id},
     * {@code ("cameras", "[0]")} gives {@code cameras[0]}, an empty side gives the other.
     */
    public static String joinPath(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        if (child.isEmpty()) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    private static String message(String source, int line, String path, String reason) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
            if (line > 0) {
                b.append(':').append(line);
            }
            b.append(": ");
        }
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(reason).toString();
    }
}
