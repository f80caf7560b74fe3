package io.xueliang.ingest.rtsp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The first transport spec of a {@code Transport} answer (RFC 2326 §12.39):
 * <pre>
 *  RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=1A2B3C4D;mode="PLAY"
 *  RTP/AVP;unicast;client_port=50000-50001;server_port=8000-8001;ssrc=6B8B4567
 * </pre>
 * Parameter names are lower-cased; a lone port ({@code server_port=8000}) implies RTCP on port+1.
 */
public record TransportHeader(String protocol, Map<String, String> params) {

    public static TransportHeader parse(String value) {
        String first = value.split(",")[0];
        String[] parts = first.split(";");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                params.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
            }
        }
        return new TransportHeader(parts[0].strip().toUpperCase(Locale.ROOT), Map.copyOf(params));
    }

    public boolean isTcp() {
        return protocol.endsWith("/TCP") || params.containsKey("interleaved");
    }

    public Optional<int[]> interleaved() {
        return pair("interleaved");
    }

    public Optional<int[]> serverPort() {
        return pair("server_port");
    }

    public Optional<int[]> clientPort() {
        return pair("client_port");
    }

    /** {@code ssrc=} in hex, as cameras send it (Dahua pads it with spaces; stripped). */
    public OptionalInt ssrc() {
        String s = params.get("ssrc");
        if (s == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) Long.parseLong(s.strip(), 16));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private Optional<int[]> pair(String name) {
        String s = params.get(name);
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        try {
            int dash = s.indexOf('-');
            if (dash < 0) {
                int a = Integer.parseInt(s.strip());
                return Optional.of(new int[] {a, a + 1});
            }
            return Optional.of(new int[] {Integer.parseInt(s.substring(0, dash).strip()),
                    Integer.parseInt(s.substring(dash + 1).strip())});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
