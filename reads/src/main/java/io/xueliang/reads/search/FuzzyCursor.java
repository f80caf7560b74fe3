package io.xueliang.reads.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of fuzzy matches ended: the last read's cost, time and store number. Matches are ordered by cost,
 * then newest first; the next page starts strictly after this one, so paging never skips or repeats a read.
 * Opaque to clients.
 *
 * @param cost   the last read's cost (thousandths, {@link PlateEdits})
 * @param micros its time, microseconds since the epoch
 * @param seq    its store number
 */
public record FuzzyCursor(int cost, long micros, long seq) {
    /** Longest cursor text accepted: a cost, two longs and separators, base64. */
    public static final int MAX_LENGTH = 80;
    private static final String KIND = "f";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((KIND + cost + ":" + micros + ":" + seq)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a fuzzy cursor this server gave
     */
    public static FuzzyCursor decode(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a cursor this server gave");
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (!plain.startsWith(KIND)) {
                throw new IllegalArgumentException("not a fuzzy search's cursor");
            }
            String[] parts = plain.substring(KIND.length()).split(":", -1);
            FuzzyCursor cursor = new FuzzyCursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]));
            if (parts.length != 3 || cursor.cost < 0 || !cursor.encode().equals(text)) {
                throw new IllegalArgumentException("not a cursor this server gave");
            }
            return cursor;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor this server gave", e);
        }
    }
}
