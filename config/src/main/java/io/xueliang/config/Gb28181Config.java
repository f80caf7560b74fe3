package io.xueliang.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The GB/T 28181 platform (DESIGN.md §6): the SIP server that devices, NVRs and township platforms register with, the
 * media ports their video arrives on, and the superior platforms this one registers with. Absent from the file: no
 * SIP listener at all.
 *
 * <p>{@link #toString()} never prints the passwords, and no {@link ConfigException} quotes them.
 *
 * @param serverId             this platform's 20-digit SIP id (the "SIP服务器ID" a device is configured with): the
 *                             10-digit domain, then type 200 for a SIP server, e.g. {@code 43032100002000000001}
 * @param domain               the 10-digit SIP domain ("SIP服务器域"), the digest realm devices answer
 * @param password             the registration password every device shares unless it has its own; 1-64 characters
 * @param sipPort              UDP and TCP port of the SIP server; 0 picks a free one (tests); 0-65535
 * @param sipHost              address the SIP server and the media ports bind; {@code 0.0.0.0} for all
 * @param announceAddress      the IPv4 address devices reach this server at, put in Via, Contact and the SDP of
 *                             every INVITE; null: the machine's first site-local IPv4 address, found at start
 * @param registerExpiresMax   the longest registration granted; a device asking more gets this in its 200; 1m-24h
 * @param keepaliveInterval    how often devices send Keepalive (the device's own "心跳周期", 60 s by default on
 *                             Hikvision and Dahua); 5s-10m
 * @param keepaliveMisses      keepalives missed in a row after which a device is offline ("最大心跳超时次数"); 1-10
 * @param mediaPortFirst       first UDP/TCP port media is received on; one port a stream
 * @param mediaPortLast        last media port, at least {@code mediaPortFirst}; the range bounds concurrent streams
 * @param maxDevices           devices registered at once; more are refused 503; 1-100000
 * @param maxChannelsPerDevice channels one device's catalog may bring (an NVR has 4-256, a sub-platform thousands);
 *                             1-100000
 * @param registersPerMinute   REGISTER requests one source address may make a minute (a burst of the same size is
 *                             allowed); more are dropped unanswered and counted, so a flood costs no digest work and
 *                             a forged source address gets no reflected answer; 1-100000
 * @param region               region path given to a device's channels whose catalog names no civil code known to
 *                             the region tree; empty: the channels stand at the top, visible to admins only
 * @param superiors            platforms this one registers with and shares cameras to (cascade), at most 16
 */
public record Gb28181Config(String serverId, String domain, String password, int sipPort, String sipHost,
        String announceAddress, Duration registerExpiresMax, Duration keepaliveInterval, int keepaliveMisses,
        int mediaPortFirst, int mediaPortLast, int maxDevices, int maxChannelsPerDevice, int registersPerMinute,
        List<String> region, List<SuperiorPlatformConfig> superiors) {
    public static final int DEFAULT_SIP_PORT = 5060;
    public static final int MAX_SUPERIORS = 16;
    private static final Pattern ID = Pattern.compile("[0-9]{20}");
    private static final Pattern DOMAIN = Pattern.compile("[0-9]{10}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
            + "|1?[0-9]?[0-9])){3}");

    public Gb28181Config {
        id("serverId", serverId);
        domain("domain", domain);
        secret("password", password);
        Require.between("sipPort", sipPort, 0, 65535);
        Require.notBlank("sipHost", sipHost);
        if (announceAddress != null && !IPV4.matcher(announceAddress).matches()) {
            throw new ConfigException("announceAddress", "must be an IPv4 address such as 10.0.0.2, got "
                    + announceAddress);
        }
        Require.between("registerExpiresMax", registerExpiresMax, Duration.ofMinutes(1), Duration.ofHours(24));
        Require.between("keepaliveInterval", keepaliveInterval, Duration.ofSeconds(5), Duration.ofMinutes(10));
        Require.between("keepaliveMisses", keepaliveMisses, 1, 10);
        Require.between("mediaPortFirst", mediaPortFirst, 1024, 65535);
        Require.between("mediaPortLast", mediaPortLast, mediaPortFirst, 65535);
        Require.between("maxDevices", maxDevices, 1, 100_000);
        Require.between("maxChannelsPerDevice", maxChannelsPerDevice, 1, 100_000);
        Require.between("registersPerMinute", registersPerMinute, 1, 100_000);
        region = List.copyOf(Require.nonNull("region", region));
        superiors = List.copyOf(Require.nonNull("superiors", superiors));
        if (superiors.size() > MAX_SUPERIORS) {
            throw new ConfigException("superiors", "at most " + MAX_SUPERIORS + ", got " + superiors.size());
        }
    }

    /** The section with every default and the three keys that have none. */
    public static Gb28181Config withDefaults(String serverId, String domain, String password) {
        return new Gb28181Config(serverId, domain, password, DEFAULT_SIP_PORT, "0.0.0.0", null, Duration.ofHours(1),
                Duration.ofSeconds(60), 3, 30_000, 30_999, 20_000, 20_000, 60, List.of(), List.of());
    }

    /** This section with other superior platforms. */
    public Gb28181Config withSuperiors(List<SuperiorPlatformConfig> platforms) {
        return new Gb28181Config(serverId, domain, password, sipPort, sipHost, announceAddress, registerExpiresMax,
                keepaliveInterval, keepaliveMisses, mediaPortFirst, mediaPortLast, maxDevices, maxChannelsPerDevice,
                registersPerMinute, region, platforms);
    }

    /** How long after its last keepalive (or registration) a device is taken as offline. */
    public Duration offlineAfter() {
        return keepaliveInterval.multipliedBy(keepaliveMisses);
    }

    static String id(String key, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ConfigException(key, "must be 20 digits (a GB/T 28181 code), got " + value);
        }
        return value;
    }

    static String domain(String key, String value) {
        if (value == null || !DOMAIN.matcher(value).matches()) {
            throw new ConfigException(key, "must be 10 digits (a GB/T 28181 domain), got " + value);
        }
        return value;
    }

    /** A password: present, 1-64 characters, never quoted back. */
    static String secret(String key, String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw new ConfigException(key, "must be 1-64 characters");
        }
        return value;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Gb28181Config[serverId=" + serverId + ", domain=" + domain + ", password=***, sipPort=" + sipPort
                + ", sipHost=" + sipHost + ", announceAddress=" + announceAddress + ", registerExpiresMax="
                + registerExpiresMax + ", keepaliveInterval=" + keepaliveInterval + ", keepaliveMisses="
                + keepaliveMisses + ", mediaPorts=" + mediaPortFirst + "-" + mediaPortLast + ", maxDevices="
                + maxDevices + ", maxChannelsPerDevice=" + maxChannelsPerDevice + ", registersPerMinute="
                + registersPerMinute + ", region=" + region + ", superiors=" + superiors + "]";
    }
}
