package io.xueliang.storage.audit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A head of the chain known from outside (a printout of an earlier {@code audit verify}, a witness's copy): the chain
 * must contain record {@code seq} with hash {@code hash}.
 */
public record AuditExpectation(long seq, String hash) {
    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,18}):([0-9a-fA-F]{64})");

    public AuditExpectation {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        hash = hash.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code SEQ:HASH}, e.g. {@code 1042:9f86d0...}.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static AuditExpectation parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected SEQ:HASH (a record number, a colon and 64 hex digits), got '"
                    + text + "'");
        }
        try {
            return new AuditExpectation(Long.parseLong(m.group(1)), m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record number out of range in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
