package io.xueliang.ingest.rtsp;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code Session: <id>[;timeout=<seconds>]} (RFC 2326 §12.37). Cameras vary the spacing
 * ({@code 12345678;timeout=60}, {@code 12345678; timeout=60}) and the case of {@code timeout}.
 */
public record SessionHeader(String id, OptionalInt timeoutSeconds) {

    public static SessionHeader parse(String value) {
        String[] parts = value.split(";");
        String id = parts[0].strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("empty session id");
        }
        OptionalInt timeout = OptionalInt.empty();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("timeout")) {
                try {
                    timeout = OptionalInt.of(Integer.parseInt(p.substring(eq + 1).strip()));
                } catch (NumberFormatException e) {
                    // a garbled timeout leaves the default in force
                }
            }
        }
        return new SessionHeader(id, timeout);
    }
}
