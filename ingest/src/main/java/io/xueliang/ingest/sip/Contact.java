package io.xueliang.ingest.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One Contact element (RFC 3261 §20.10), or the wildcard {@code *} a REGISTER uses with {@code Expires: 0} to
 * remove every binding (§10.2.2).
 *
 * @param address null for the wildcard
 */
public record Contact(NameAddress address) {
    public static final Contact WILDCARD = new Contact(null);

    public boolean wildcard() {
        return address == null;
    }

    /** The {@code expires} parameter in seconds, which overrides the Expires header for this binding. */
    public OptionalLong expires() {
        if (address == null) {
            return OptionalLong.empty();
        }
        return address.param("expires").map(Contact::seconds).orElse(OptionalLong.empty());
    }

    /** Every element of the Contact header values. */
    public static List<Contact> parseAll(List<String> elements) {
        List<Contact> out = new ArrayList<>(elements.size());
        for (String e : elements) {
            out.add(e.strip().equals("*") ? WILDCARD : new Contact(NameAddress.parse(e)));
        }
        return out;
    }

    /** Delta-seconds (RFC 3261 §25.1), capped at 2^32-1 as §20.19 allows; empty when not digits. */
    static OptionalLong seconds(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(Long.parseLong(v), 0xffff_ffffL));
    }

    @Override
    public String toString() {
        return address == null ? "*" : address.toString();
    }
}
