package io.xueliang.ingest.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 §19.1), as GB/T 28181 writes it: the user is a 20-digit device
 * or platform id, the host a 10-digit domain or an address.
 * <pre>
 *  sip:34020000001320000001@3402000000           (To of a REGISTER: domain, no port)
 *  sip:34020000001320000001@192.168.1.64:5060;transport=udp
 *  ^scheme ^user               ^host        ^port ^params ("lr" has value "")
 * </pre>
 *
 * @param user    the user part, or null (a password after ':' is dropped: GB devices never send one)
 * @param port    -1 when absent
 * @param params  URI parameters in order, names lower-cased
 * @param headers the raw part after '?', or null
 */
public record SipUri(String scheme, String user, String host, int port, Map<String, String> params, String headers) {

    public SipUri {
        if (!scheme.equalsIgnoreCase("sip") && !scheme.equalsIgnoreCase("sips")) {
            throw SipParseException.malformed("not a sip: URI scheme", scheme);
        }
        if (host == null || host.isEmpty()) {
            throw SipParseException.malformed("SIP URI without host", scheme);
        }
        if (port < -1 || port > 65535) {
            throw SipParseException.malformed("bad port", String.valueOf(port));
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static SipUri of(String user, String host, int port) {
        return new SipUri("sip", user, host, port, Map.of(), null);
    }

    /**
     * Parses a URI as written in a request line or inside {@code <>}.
     *
     * @throws SipParseException when it is not a sip/sips URI with a host and a valid port
     */
    public static SipUri parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw SipParseException.malformed("not a SIP URI", text);
        }
        String scheme = s.substring(0, colon);
        String rest = s.substring(colon + 1);
        String headers = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            headers = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int at = rest.lastIndexOf('@');
        String user = null;
        if (at >= 0) {
            user = rest.substring(0, at);
            int pw = user.indexOf(':');
            if (pw >= 0) {
                user = user.substring(0, pw);
            }
            rest = rest.substring(at + 1);
        }
        int semi = rest.indexOf(';');
        String hostPort = semi < 0 ? rest : rest.substring(0, semi);
        Map<String, String> params = semi < 0 ? Map.of() : SipParams.parse(rest.substring(semi + 1));
        HostPort hp = HostPort.parse(hostPort, text);
        return new SipUri(scheme, user, hp.host(), hp.port(), params, headers);
    }

    public OptionalInt portIfPresent() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    public SipUri withParam(String name, String value) {
        return new SipUri(scheme, user, host, port, SipParams.with(params, name.toLowerCase(Locale.ROOT), value), headers);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append(':');
        if (user != null) {
            sb.append(user).append('@');
        }
        sb.append(HostPort.format(host, port));
        SipParams.append(sb, params);
        if (headers != null) {
            sb.append('?').append(headers);
        }
        return sb.toString();
    }

    /** host[:port], IPv6 references in brackets. */
    record HostPort(String host, int port) {
        static HostPort parse(String s, String context) {
            String t = s.strip();
            String host;
            String port = null;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw SipParseException.malformed("unclosed IPv6 reference", context);
                }
                host = t.substring(0, close + 1);
                String after = t.substring(close + 1);
                if (after.startsWith(":")) {
                    port = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw SipParseException.malformed("bad host", context);
                }
            } else {
                int c = t.indexOf(':');
                host = c < 0 ? t : t.substring(0, c);
                port = c < 0 ? null : t.substring(c + 1);
            }
            if (host.isEmpty() || host.chars().anyMatch(ch -> ch <= ' ' || ch == '<' || ch == '>' || ch == '"' || ch == '@')) {
                throw SipParseException.malformed("bad host", context);
            }
            return new HostPort(host, port == null ? -1 : parsePort(port.strip(), context));
        }

        static int parsePort(String p, String context) {
            if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
                throw SipParseException.malformed("bad port", context);
            }
            int v = Integer.parseInt(p);
            if (v > 65535) {
                throw SipParseException.malformed("bad port", context);
            }
            return v;
        }

        static String format(String host, int port) {
            return port < 0 ? host : host + ":" + port;
        }
    }
}
