package io.xueliang.ingest.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ordered SIP header list. Names compare case-insensitively and a compact form equals its long form
 * (RFC 3261 §7.3.1, §7.3.3): {@code v} is {@code Via}, {@code f} From, {@code t} To, {@code i} Call-ID,
 * {@code l} Content-Length, {@code m} Contact, {@code c} Content-Type, {@code k} Supported,
 * {@code s} Subject, {@code e} Content-Encoding. Names are kept as received and written back as stored.
 * A header may appear several times (Via, Route); one line may also hold a comma-separated list, which
 * {@link #list} splits.
 * <p>Mutable, like the message records holding it: build, then hand over; do not share while changing.
 */
public final class SipHeaders {
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("v", "via"), Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"),
            Map.entry("l", "content-length"), Map.entry("m", "contact"), Map.entry("c", "content-type"),
            Map.entry("k", "supported"), Map.entry("s", "subject"), Map.entry("e", "content-encoding"),
            Map.entry("o", "event"), Map.entry("u", "allow-events"), Map.entry("r", "refer-to"));

    private final List<String> names = new ArrayList<>();
    /** Lower-cased long form of each name, for lookups. */
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** The lower-cased long form of a header name: {@code "V"} and {@code "via"} both give {@code "via"}. */
    public static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    public SipHeaders add(String name, String value) {
        names.add(name);
        keys.add(key(name));
        values.add(value);
        return this;
    }

    /** Replaces every header of that name (any form) with one, where the first was, or at the end. */
    public SipHeaders set(String name, String value) {
        String k = key(name);
        int first = keys.indexOf(k);
        if (first < 0) {
            return add(name, value);
        }
        remove(name);
        names.add(first, name);
        keys.add(first, k);
        values.add(first, value);
        return this;
    }

    public SipHeaders remove(String name) {
        String k = key(name);
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (keys.get(i).equals(k)) {
                names.remove(i);
                keys.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    /** The first value of that header. */
    public Optional<String> get(String name) {
        int i = keys.indexOf(key(name));
        return i < 0 ? Optional.empty() : Optional.of(values.get(i));
    }

    /** Every value of that header, one per line, in order. */
    public List<String> getAll(String name) {
        String k = key(name);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals(k)) {
                all.add(values.get(i));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Every element of a list header (Via, Contact, Route…) across lines, split at commas outside quotes and
     * angle brackets: {@code Via: a, b} then {@code Via: c} gives {@code [a, b, c]}. Not for headers whose
     * values hold commas (Date, WWW-Authenticate).
     */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : getAll(name)) {
            out.addAll(splitList(v));
        }
        return Collections.unmodifiableList(out);
    }

    public boolean contains(String name) {
        return keys.contains(key(name));
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public String value(int index) {
        return values.get(index);
    }

    public SipHeaders copy() {
        SipHeaders c = new SipHeaders();
        c.names.addAll(names);
        c.keys.addAll(keys);
        c.values.addAll(values);
        return c;
    }

    /** Appends a folded continuation line to the last header (RFC 3261 §7.3.1: LWS folding); for decoders. */
    public void appendToLast(String continuation) {
        int last = values.size() - 1;
        values.set(last, values.get(last) + " " + continuation);
    }

    static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle++;
            } else if (c == '>' && angle > 0) {
                angle--;
            } else if (c == ',' && angle == 0) {
                addPart(parts, value.substring(start, i));
                start = i + 1;
            }
        }
        addPart(parts, value.substring(start));
        return parts;
    }

    private static void addPart(List<String> parts, String part) {
        String p = part.strip();
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }

    /** Header lines, one per line; credentials are masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String k = keys.get(i);
            boolean secret = k.equals("authorization") || k.equals("proxy-authorization");
            sb.append(names.get(i)).append(": ").append(secret ? "***" : values.get(i)).append('\n');
        }
        return sb.toString();
    }
}
