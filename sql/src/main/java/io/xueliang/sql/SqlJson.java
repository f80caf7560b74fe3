package io.xueliang.sql;

import java.util.List;

/**
 * JSON text for SQL parameters: a list of strings as one parameter ({@code IN (SELECT value FROM json_each(?))}), or
 * a region path stored as one canonical column value that equality compares.
 */
public final class SqlJson {
    private SqlJson() {
    }

    /** The strings as a JSON array, escaped as RFC 8259 asks, with nothing optional: equal lists give equal text. */
    public static String array(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (String v : values) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    s.append('\\').append(c);
                } else if (c < 0x20) {
                    s.append(String.format("\\u%04x", (int) c));
                } else {
                    s.append(c);
                }
            }
            s.append('"');
        }
        return s.append(']').toString();
    }
}
