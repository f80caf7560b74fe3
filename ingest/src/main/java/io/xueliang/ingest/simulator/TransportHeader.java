package io.xueliang.ingest.simulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Picks the first transport of a SETUP Transport header that the simulator serves:
 * {@code RTP/AVP/TCP;unicast;interleaved=a-b} or {@code RTP/AVP[/UDP];unicast;client_port=a-b}.
 * Multicast is refused.
 */
final class TransportHeader {
    private TransportHeader() {
    }

    /** The transport, or null when none of the alternatives is served (answered with 461). */
    static RtpTransport parse(String header, InetAddress client) {
        if (header == null) {
            return RtpTransport.tcp(0, 1);
        }
        for (String alternative : header.split(",")) {
            RtpTransport t = parseOne(alternative.trim(), client);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static RtpTransport parseOne(String spec, InetAddress client) {
        String[] parts = spec.split(";");
        String protocol = parts[0].trim().toUpperCase(Locale.ROOT);
        boolean tcp = protocol.equals("RTP/AVP/TCP");
        if (!tcp && !protocol.equals("RTP/AVP") && !protocol.equals("RTP/AVP/UDP")) {
            return null;
        }
        int[] interleaved = null;
        int[] clientPorts = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.equals("multicast")) {
                return null;
            }
            if (lower.startsWith("interleaved=")) {
                interleaved = range(p.substring(12), 255);
                if (interleaved == null) {
                    return null;
                }
            } else if (lower.startsWith("client_port=")) {
                clientPorts = range(p.substring(12), 65_535);
                if (clientPorts == null) {
                    return null;
                }
            }
        }
        if (tcp) {
            return interleaved == null ? RtpTransport.tcp(0, 1) : RtpTransport.tcp(interleaved[0], interleaved[1]);
        }
        if (clientPorts == null || clientPorts[0] == 0) {
            return null;
        }
        return RtpTransport.udp(new InetSocketAddress(client, clientPorts[0]),
                new InetSocketAddress(client, clientPorts[1]));
    }

    /** "a-b" or "a" (then b = a + 1), each within [0, max]; null when malformed. */
    private static int[] range(String s, int max) {
        try {
            int dash = s.indexOf('-');
            int a = Integer.parseInt((dash < 0 ? s : s.substring(0, dash)).trim());
            int b = dash < 0 ? a + 1 : Integer.parseInt(s.substring(dash + 1).trim());
            if (a < 0 || b < 0 || a > max || b > max) {
                return null;
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
