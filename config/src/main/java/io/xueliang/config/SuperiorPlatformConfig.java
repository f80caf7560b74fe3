package io.xueliang.config;

import java.time.Duration;
import java.util.List;

/**
 * A superior platform (上级平台) this one registers with over GB/T 28181, as a city platform above a county's: it sees
 * the cameras of the regions shared with it, and may play them live and from our recordings.
 *
 * <p>{@link #toString()} never prints the password.
 *
 * @param id                the superior's 20-digit SIP id
 * @param domain            the superior's 10-digit SIP domain
 * @param host              its address (IP or name)
 * @param port              its SIP port; 1-65535
 * @param transport         {@code udp} or {@code tcp}
 * @param password          the password the superior expects of us; 1-64 characters
 * @param registerExpires   the registration asked for; renewed before it runs out; 1m-24h
 * @param keepaliveInterval how often we send it Keepalive; 5s-10m
 * @param share             region paths whose cameras it may see, {@code 湘潭县/易俗河镇} (a region and everything
 *                          under it); empty: none, so that a platform added without thought shares nothing
 */
public record SuperiorPlatformConfig(String id, String domain, String host, int port, Transport transport,
        String password, Duration registerExpires, Duration keepaliveInterval, List<String> share) {

    public SuperiorPlatformConfig {
        Gb28181Config.id("id", id);
        Gb28181Config.domain("domain", domain);
        Require.notBlank("host", host);
        Require.between("port", port, 1, 65535);
        Require.nonNull("transport", transport);
        if (transport == Transport.AUTO) {
            throw new ConfigException("transport", "must be udp or tcp");
        }
        Gb28181Config.secret("password", password);
        Require.between("registerExpires", registerExpires, Duration.ofMinutes(1), Duration.ofHours(24));
        Require.between("keepaliveInterval", keepaliveInterval, Duration.ofSeconds(5), Duration.ofMinutes(10));
        share = List.copyOf(Require.nonNull("share", share));
        for (int i = 0; i < share.size(); i++) {
            String path = share.get(i);
            if (path == null || path.isBlank() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
                throw new ConfigException("share[" + i + "]", "must be a region path such as 湘潭县/易俗河镇, got "
                        + path);
            }
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SuperiorPlatformConfig[id=" + id + ", domain=" + domain + ", host=" + host + ", port=" + port
                + ", transport=" + transport + ", password=***, registerExpires=" + registerExpires
                + ", keepaliveInterval=" + keepaliveInterval + ", share=" + share + "]";
    }
}
