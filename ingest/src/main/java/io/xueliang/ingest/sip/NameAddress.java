package io.xueliang.ingest.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of From, To, Contact, Route (RFC 3261 §20.10, §25.1 {@code name-addr / addr-spec}).
 * <pre>
 *  "IPC 1" &lt;sip:34020000001320000001@3402000000&gt;;tag=1847261503
 *  ^display name ^uri (its own ;params stay inside &lt;&gt;)  ^header params
 *  sip:34020000001320000001@3402000000;tag=1847261503       (no &lt;&gt;: params belong to the header)
 * </pre>
 *
 * @param displayName unquoted, or null
 * @param params      header parameters in order, names lower-cased ({@code tag}, {@code expires}…)
 */
public record NameAddress(String displayName, SipUri uri, Map<String, String> params) {

    public NameAddress {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static NameAddress of(SipUri uri) {
        return new NameAddress(null, uri, Map.of());
    }

    /** @throws SipParseException when the value has no readable SIP URI */
    public static NameAddress parse(String text) {
        String s = text.strip();
        String display = null;
        String uriText;
        String rest;
        int lt = indexOfUnquoted(s, '<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                throw SipParseException.malformed("unclosed '<'", text);
            }
            String d = s.substring(0, lt).strip();
            if (d.startsWith("\"") && d.endsWith("\"") && d.length() >= 2) {
                d = d.substring(1, d.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            display = d.isEmpty() ? null : d;
            uriText = s.substring(lt + 1, gt);
            rest = s.substring(gt + 1).strip();
        } else {
            int semi = s.indexOf(';');
            uriText = semi < 0 ? s : s.substring(0, semi);
            rest = semi < 0 ? "" : s.substring(semi);
        }
        if (!rest.isEmpty() && !rest.startsWith(";")) {
            throw SipParseException.malformed("text after address", text);
        }
        Map<String, String> params = rest.isEmpty() ? Map.of() : SipParams.parse(rest.substring(1));
        return new NameAddress(display, SipUri.parse(uriText), params);
    }

    public Optional<String> tag() {
        return param("tag");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    public NameAddress withTag(String tag) {
        return withParam("tag", tag);
    }

    public NameAddress withParam(String name, String value) {
        return new NameAddress(displayName, uri, SipParams.with(params, name.toLowerCase(Locale.ROOT), value));
    }

    /** Always in {@code name-addr} form, so the URI's parameters never mix with the header's. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (displayName != null) {
            sb.append('"').append(displayName.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
        }
        sb.append('<').append(uri).append('>');
        SipParams.append(sb, params);
        return sb.toString();
    }

    private static int indexOfUnquoted(String s, char target) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == target && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
