package io.xueliang.reads.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of reads ended: the last read's time and store number. The next page starts strictly after it in the
 * page's order, so paging never skips or repeats a read, whatever is stored meanwhile. Opaque to clients.
 *
 * @param micros the last read's time, microseconds since the epoch
 * @param seq    its store number
 */
public record ReadCursor(long micros, long seq) {
    /** Longest cursor text accepted: two longs and a separator, base64. */
    public static final int MAX_LENGTH = 64;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a cursor this store gave
     */
    public static ReadCursor decode(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a cursor this server gave");
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            long micros = Long.parseLong(plain.substring(0, colon));
            long seq = Long.parseLong(plain.substring(colon + 1));
            ReadCursor cursor = new ReadCursor(micros, seq);
            if (!cursor.encode().equals(text)) {
                throw new IllegalArgumentException("not a cursor this server gave");
            }
            return cursor;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor this server gave", e);
        }
    }
}
