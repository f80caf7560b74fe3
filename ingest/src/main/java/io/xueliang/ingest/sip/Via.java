package io.xueliang.ingest.sip;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via element (RFC 3261 §20.42, §18.2.1; RFC 3581 {@code rport}).
 * <pre>
 *  SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1392648376
 *          ^transport ^sent-by host:port ^flag (asks for rport) ^transaction id
 *  answered: SIP/2.0/UDP 192.168.1.64:5060;rport=40512;branch=z9hG4bK1392648376;received=203.0.113.7
 * </pre>
 *
 * @param transport upper-cased ({@code UDP}, {@code TCP})
 * @param port      -1 when absent (then 5060 is meant)
 * @param params    in order, names lower-cased; a flag such as a bare {@code rport} maps to ""
 */
public record Via(String transport, String host, int port, Map<String, String> params) {
    /** RFC 3261 §8.1.1.7: a branch starting with this was made by an RFC 3261 element and is unique. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        transport = transport.toUpperCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A Via for a request we send: our address, a new branch, and {@code rport} asked for (RFC 3581). */
    public static Via of(String transport, String host, int port, String branch) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("rport", "");
        p.put("branch", branch);
        return new Via(transport, host, port, p);
    }

    /** @throws SipParseException when the value is not {@code SIP/2.0/TRANSPORT host[:port][;params]} */
    public static Via parse(String text) {
        String s = text.strip();
        int slash1 = s.indexOf('/');
        int slash2 = slash1 < 0 ? -1 : s.indexOf('/', slash1 + 1);
        if (slash2 < 0 || !s.substring(0, slash1).strip().equalsIgnoreCase("SIP")
                || !s.substring(slash1 + 1, slash2).strip().equals("2.0")) {
            throw SipParseException.malformed("bad Via protocol", text);
        }
        String rest = s.substring(slash2 + 1).stripLeading();
        int sp = 0;
        while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
            sp++;
        }
        String transport = rest.substring(0, sp);
        if (transport.isEmpty() || sp == rest.length()) {
            throw SipParseException.malformed("bad Via transport or sent-by", text);
        }
        rest = rest.substring(sp).strip();
        int semi = rest.indexOf(';');
        String sentBy = semi < 0 ? rest : rest.substring(0, semi);
        Map<String, String> params = semi < 0 ? Map.of() : SipParams.parse(rest.substring(semi + 1));
        SipUri.HostPort hp = SipUri.HostPort.parse(sentBy, text);
        return new Via(transport, hp.host(), hp.port(), params);
    }

    public Optional<String> branch() {
        return param("branch");
    }

    /** True when the branch is RFC 3261's, i.e. usable alone as a transaction id. */
    public boolean hasRfc3261Branch() {
        return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
    }

    /** True when the sender asked for {@code rport} (a bare flag) or it was filled. */
    public boolean hasRport() {
        return params.containsKey("rport");
    }

    /** The filled {@code rport} value. */
    public OptionalInt rport() {
        String v = params.get("rport");
        if (v == null || v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(SipUri.HostPort.parsePort(v, v));
        } catch (SipParseException e) {
            return OptionalInt.empty();
        }
    }

    public Optional<String> received() {
        return param("received");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * This Via as a server answers it, having received the request from {@code source}: {@code received} when
     * the packet came from another address than sent-by (RFC 3261 §18.2.1) or rport was asked for, and
     * {@code rport} filled with the source port when asked for (RFC 3581 §4). Devices behind NAT only get
     * answers this way.
     */
    public Via receivedFrom(InetSocketAddress source) {
        String sourceHost = source.getAddress() != null ? source.getAddress().getHostAddress() : source.getHostString();
        Map<String, String> p = new LinkedHashMap<>(params);
        if (hasRport()) {
            p.put("rport", String.valueOf(source.getPort()));
        }
        if (hasRport() || !host.equals(sourceHost)) {
            p.put("received", sourceHost);
        }
        return new Via(transport, host, port, p);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SIP/2.0/").append(transport).append(' ')
                .append(SipUri.HostPort.format(host, port));
        SipParams.append(sb, params);
        return sb.toString();
    }
}
