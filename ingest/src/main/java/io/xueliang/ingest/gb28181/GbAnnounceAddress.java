package io.xueliang.ingest.gb28181;

import io.xueliang.config.Gb28181Config;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The IPv4 address devices reach this platform at, written in Via, Contact and every SDP offer: the configured
 * {@code announceAddress}, else the bind address when it names one, else the first site-local (private) IPv4 address
 * of an interface that is up, else the loopback address (a platform only local devices can reach, said at start).
 */
public final class GbAnnounceAddress {
    private GbAnnounceAddress() {
    }

    public static String of(Gb28181Config config) {
        if (config.announceAddress() != null) {
            return config.announceAddress();
        }
        if (!config.sipHost().equals("0.0.0.0") && !config.sipHost().equals("::")) {
            return config.sipHost();
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }
}
