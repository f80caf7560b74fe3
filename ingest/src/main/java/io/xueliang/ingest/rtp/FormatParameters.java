package io.xueliang.ingest.rtp;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * SDP format parameters (a=fmtp) of one track, looked up ignoring case: RFC 3640 names them
 * case-insensitive and cameras write both {@code sizeLength} and {@code sizelength}.
 */
public final class FormatParameters {
    private final Map<String, String> values;

    public FormatParameters(Map<String, String> fmtp) {
        TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (fmtp != null) {
            fmtp.forEach((k, v) -> m.put(k.trim(), v == null ? "" : v.trim()));
        }
        this.values = Collections.unmodifiableMap(m);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /**
     * An integer parameter within [min, max].
     *
     * @throws UnsupportedPayloadException when present but not a number in range
     */
    public int getInt(String encoding, String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UnsupportedPayloadException(encoding, name, v);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
