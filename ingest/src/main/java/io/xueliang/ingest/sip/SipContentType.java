package io.xueliang.ingest.sip;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Content-Type header (RFC 3261 §20.15). GB/T 28181 devices write {@code Application/MANSCDP+xml} in any case
 * and rarely name a charset; the MANSCDP body's XML declaration says it (GB2312 mostly), so bodies stay bytes.
 *
 * @param type    lower-cased, e.g. {@code application}
 * @param subtype lower-cased, e.g. {@code manscdp+xml}, {@code sdp}
 */
public record SipContentType(String type, String subtype, Map<String, String> params) {
    public static final SipContentType SDP = new SipContentType("application", "sdp", Map.of());
    public static final SipContentType MANSCDP = new SipContentType("Application", "MANSCDP+xml", Map.of());

    public SipContentType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static SipContentType parse(String text) {
        String s = text.strip();
        int semi = s.indexOf(';');
        String media = (semi < 0 ? s : s.substring(0, semi)).strip();
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1) {
            throw SipParseException.malformed("bad Content-Type", text);
        }
        return new SipContentType(media.substring(0, slash).strip(), media.substring(slash + 1).strip(),
                semi < 0 ? Map.of() : SipParams.parse(s.substring(semi + 1)));
    }

    /** True for the same media type, in any case: {@code is("application/manscdp+xml")}. */
    public boolean is(String mediaType) {
        return (type + "/" + subtype).equalsIgnoreCase(mediaType);
    }

    /** The charset parameter when it names a charset this JVM knows. */
    public Optional<Charset> charset() {
        String c = params.get("charset");
        try {
            return c == null || !Charset.isSupported(c) ? Optional.empty() : Optional.of(Charset.forName(c));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Written as GB/T 28181 peers expect it ({@link #MANSCDP} is {@code Application/MANSCDP+xml}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (subtype.equals("manscdp+xml")) {
            sb.append("Application/MANSCDP+xml");
        } else {
            sb.append(type).append('/').append(subtype);
        }
        SipParams.append(sb, params);
        return sb.toString();
    }
}
