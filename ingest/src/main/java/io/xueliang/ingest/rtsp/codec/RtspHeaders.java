package io.xueliang.ingest.rtsp.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Ordered RTSP header list; names compare case-insensitively (RFC 2326 §4.2) because cameras
 * spell them freely ({@code CSeq}, {@code Cseq}, {@code CSEQ}).
 */
public final class RtspHeaders {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public RtspHeaders add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** Replaces every header of that name with one. */
    public RtspHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public RtspHeaders remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    public Optional<String> get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return Optional.of(values.get(i));
            }
        }
        return Optional.empty();
    }

    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                all.add(values.get(i));
            }
        }
        return Collections.unmodifiableList(all);
    }

    public boolean contains(String name) {
        return get(name).isPresent();
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

    /** Appends a folded continuation line to the last header (RFC 2326 §4.2 via RFC 2616 §2.2). */
    void appendToLast(String continuation) {
        int last = values.size() - 1;
        values.set(last, values.get(last) + " " + continuation);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String value = names.get(i).equalsIgnoreCase("Authorization") ? "***" : values.get(i);
            sb.append(names.get(i)).append(": ").append(value).append('\n');
        }
        return sb.toString();
    }
}
