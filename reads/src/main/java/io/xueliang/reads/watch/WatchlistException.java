package io.xueliang.reads.watch;

/**
 * A watch list that cannot be taken as asked: names the field at fault ({@code expiresAt}, {@code plates/3}) so that
 * the API can say which.
 */
public final class WatchlistException extends IllegalArgumentException {
    private final String field;

    public WatchlistException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, as a JSON pointer into the request body without the leading {@code /}. */
    public String field() {
        return field;
    }
}
