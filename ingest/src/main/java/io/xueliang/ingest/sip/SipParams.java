package io.xueliang.ingest.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code ;name=value;flag} parameter lists of URIs and headers; a flag without value maps to "". */
final class SipParams {
    private SipParams() {
    }

    /** Parses {@code s}, which starts just after the first ';' (or is empty). Names are lower-cased. */
    static Map<String, String> parse(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int end = i;
            boolean quoted = false;
            while (end < n && (quoted || s.charAt(end) != ';')) {
                if (s.charAt(end) == '"') {
                    quoted = !quoted;
                }
                end++;
            }
            String part = s.substring(i, end).strip();
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                String name = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : part.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (name.isEmpty()) {
                    throw SipParseException.malformed("empty parameter name", s);
                }
                out.put(name, value);
            }
            i = end + 1;
        }
        return out;
    }

    static void append(StringBuilder sb, Map<String, String> params) {
        params.forEach((k, v) -> {
            sb.append(';').append(k);
            if (!v.isEmpty()) {
                sb.append('=').append(needsQuotes(v) ? '"' + v + '"' : v);
            }
        });
    }

    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == ';' || c == ',' || c == '<' || c == '>') {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put(name, value);
        return m;
    }
}
