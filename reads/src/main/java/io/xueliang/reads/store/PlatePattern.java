package io.xueliang.reads.store;

import io.xueliang.media.PlateRead;

/**
 * A plate as a user asks for it: exact ({@code 湘A12345}), with wildcards ({@code *} any run of characters,
 * {@code ?} one character: {@code 湘F1*}, {@code 湘A?2345}), or partial: the characters a witness remembers, anywhere
 * in the plate ({@code A·3?8}). Separators ({@code ·}, {@code -}, spaces, dots) are dropped and letters upper-cased,
 * as reads are normalised ({@link PlateRead#normalise}).
 *
 * @param normalised the pattern over normalised plates: letters, digits, CJK, {@code *} and {@code ?}
 * @param partial    match anywhere in the plate, not the whole plate
 */
public record PlatePattern(String normalised, boolean partial) {
    /** Longest pattern: a plate and a wildcard or two. */
    public static final int MAX_LENGTH = PlateRead.MAX_TEXT_LENGTH + 4;

    public PlatePattern {
        if (normalised.isEmpty() || normalised.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a plate of 1-" + MAX_LENGTH + " characters, got '" + normalised + "'");
        }
        if (normalised.codePoints().anyMatch(c -> c != '*' && c != '?' && !(c < 0x80 && (Character.isDigit(c)
                || (c >= 'A' && c <= 'Z'))) && !Character.isIdeographic(c))) {
            throw new IllegalArgumentException("only letters, digits, Chinese characters, '*' and '?', got '"
                    + normalised + "'");
        }
        if (normalised.chars().allMatch(c -> c == '*')) {
            throw new IllegalArgumentException("a plate pattern needs at least one character or '?', got '"
                    + normalised + "'");
        }
    }

    /**
     * Reads what a user typed.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static PlatePattern parse(String typed, boolean partial) {
        StringBuilder s = new StringBuilder(typed.length());
        typed.codePoints().forEach(c -> {
            if (c == '*' || c == '?') {
                s.append((char) c);
            } else if (c == '·' || c == '-' || c == '.' || c == '•' || Character.isWhitespace(c)) {
                // separators as plates are printed and typed
            } else if (c < 0x80 && Character.isLetter(c)) {
                s.append(Character.toUpperCase((char) c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return new PlatePattern(s.toString(), partial);
    }

    public static PlatePattern exact(String plate) {
        return parse(plate, false);
    }

    /** One plate, whole: no wildcard, not partial. */
    public boolean exact() {
        return !partial && normalised.indexOf('*') < 0 && normalised.indexOf('?') < 0;
    }

    /** The characters every match starts with (empty when partial or when the pattern starts with a wildcard). */
    public String prefix() {
        if (partial) {
            return "";
        }
        int end = 0;
        while (end < normalised.length() && normalised.charAt(end) != '*' && normalised.charAt(end) != '?') {
            end++;
        }
        return normalised.substring(0, end);
    }

    /** The pattern as SQL's GLOB (SQLite) takes it: the same {@code *} and {@code ?}, and no character classes. */
    public String glob() {
        return partial ? "*" + normalised + "*" : normalised;
    }

    /** Whether a normalised plate matches. */
    public boolean matches(String plate) {
        return matches(glob(), 0, plate, 0);
    }

    private static boolean matches(String p, int i, String s, int j) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                while (i < p.length() && p.charAt(i) == '*') {
                    i++;
                }
                if (i == p.length()) {
                    return true;
                }
                for (int k = j; k <= s.length(); k++) {
                    if (matches(p, i, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= s.length()) {
                return false;
            }
            if (c != '?' && c != s.charAt(j)) {
                return false;
            }
            i++;
            j++;
        }
        return j == s.length();
    }
}
