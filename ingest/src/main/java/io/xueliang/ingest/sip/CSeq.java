package io.xueliang.ingest.sip;

/**
 * The CSeq header (RFC 3261 §20.16): {@code CSeq: 20 REGISTER}. The number is below 2^31.
 */
public record CSeq(long number, String method) {

    public CSeq {
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw SipParseException.malformed("CSeq number out of range", String.valueOf(number));
        }
        if (method == null || method.isEmpty()) {
            throw SipParseException.malformed("CSeq without method", null);
        }
    }

    /** @throws SipParseException unless the value is {@code digits SP method} */
    public static CSeq parse(String text) {
        String s = text.strip();
        int sp = 0;
        while (sp < s.length() && !Character.isWhitespace(s.charAt(sp))) {
            sp++;
        }
        String number = s.substring(0, sp);
        String method = s.substring(sp).strip();
        if (number.isEmpty() || number.length() > 10 || !number.chars().allMatch(c -> c >= '0' && c <= '9')
                || method.isEmpty() || method.chars().anyMatch(Character::isWhitespace)) {
            throw SipParseException.malformed("bad CSeq", text);
        }
        long n = Long.parseLong(number);
        if (n > Integer.MAX_VALUE) {
            throw SipParseException.malformed("CSeq number out of range", text);
        }
        return new CSeq(n, method);
    }

    public CSeq next() {
        return new CSeq(number + 1, method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
