package io.xueliang.storage.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text columns {@code roles} (JSON array of strings) and {@code parameters} (JSON object of strings) of
 * {@code audit_log}. JSON so that an auditor with the {@code sqlite3} shell can read them; only these two flat shapes
 * exist, so a strict reader of just those shapes suffices. Unreadable text means someone edited the row, which
 * {@link AuditLog#verify()} reports as a changed record.
 */
final class AuditColumns {
    private AuditColumns() {
    }

    static String roles(List<String> roles) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < roles.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(roles.get(i), out);
        }
        return out.append(']').toString();
    }

    static String parameters(SortedMap<String, String> parameters) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (var p : parameters.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(p.getKey(), out);
            out.append(':');
            quote(p.getValue(), out);
        }
        return out.append('}').toString();
    }

    static List<String> parseRoles(String json) {
        Reader in = new Reader(json);
        List<String> roles = new ArrayList<>();
        in.expect('[');
        if (!in.take(']')) {
            do {
                roles.add(in.string());
            } while (in.take(','));
            in.expect(']');
        }
        in.end();
        return roles;
    }

    static SortedMap<String, String> parseParameters(String json) {
        Reader in = new Reader(json);
        SortedMap<String, String> parameters = new TreeMap<>();
        in.expect('{');
        if (!in.take('}')) {
            do {
                String key = in.string();
                in.expect(':');
                if (parameters.put(key, in.string()) != null) {
                    throw new IllegalArgumentException("parameter " + key + " appears twice");
                }
            } while (in.take(','));
            in.expect('}');
        }
        in.end();
        return parameters;
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        boolean take(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!take(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
            }
        }

        void end() {
            if (pos != text.length()) {
                throw new IllegalArgumentException("trailing text at " + pos + " in " + text);
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("short \\u escape at " + pos + " in " + text);
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e + " at " + pos + " in " + text);
                }
            }
            throw new IllegalArgumentException("unterminated string in " + text);
        }
    }
}
