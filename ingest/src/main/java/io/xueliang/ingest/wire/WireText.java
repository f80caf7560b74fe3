package io.xueliang.ingest.wire;

/**
 * Escapes the characters that would let a camera forge or garble a log line: a camera's reason
 * phrase {@code "OK\r\n2026-01-01 INFO camera 7 playing"} would otherwise print as two lines, and
 * {@code ESC[2J} would clear an operator's terminal. Everything ingest logs or keeps as an error that
 * holds text from the wire passes through {@link #escape}.
 *
 * <pre>
 *  C0 controls, DEL, C1 controls           \x00 .. \x1f, \x7f, \x80 .. \x9f
 *  line and paragraph separators           \u2028, \u2029
 *  format characters (bidi overrides,      \u202e, \u200b, \ufeff, ...
 *    zero-width), unpaired surrogates
 * </pre>
 * Backslashes are left alone, so escaping twice changes nothing: a message escaped where it is
 * made and again where it is logged reads the same. (A camera can still send the four characters
 * {@code \x0a}; they print as themselves and break no line.)
 */
public final class WireText {
    private WireText() {
    }

    /** {@code text} with every control, separator and format character escaped; null for null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text, i)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = text.codePointAt(i);
                if (Character.getType(cp) == Character.FORMAT) {
                    out.append(String.format("\\U%08x", cp)); // tag characters, U+E0001 and friends
                } else {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (needsEscape(text, i)) {
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(String text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x7f) {
            return false;
        }
        if (Character.isISOControl(c)) {
            return true;
        }
        if (Character.isSurrogate(c)) {
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            return !paired || Character.isHighSurrogate(c) && Character.getType(text.codePointAt(i)) == Character.FORMAT;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
