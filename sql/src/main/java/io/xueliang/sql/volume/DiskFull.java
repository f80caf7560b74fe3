package io.xueliang.sql.volume;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Tells a failure caused by a full file system from other write failures. The JDK reports {@code ENOSPC} and
 * {@code EDQUOT} only as the text of an {@link java.io.IOException} ({@code strerror}, in English whatever the locale:
 * the JDK does not translate it); SQLite reports them as {@code SQLITE_FULL} (13).
 */
public final class DiskFull {
    private static final int SQLITE_FULL = 13;
    /** How deep a cause chain is followed: the store wraps a driver exception in a few layers. */
    private static final int MAX_DEPTH = 16;

    private DiskFull() {
    }

    /** True when {@code failure} or one of its causes (or suppressed) says there is no space left to write. */
    public static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (says(t)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (says(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean says(Throwable t) {
        if (t instanceof SQLException e && (e.getErrorCode() & 0xff) == SQLITE_FULL) {
            return true;
        }
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") || m.contains("disk quota exceeded")
                || m.contains("sqlite_full") || m.contains("database or disk is full");
    }
}
