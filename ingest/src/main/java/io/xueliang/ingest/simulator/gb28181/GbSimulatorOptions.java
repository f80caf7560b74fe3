package io.xueliang.ingest.simulator.gb28181;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the GB/T 28181 device simulator runs.
 *
 * <p>Ids: device {@code i} (0-based) is {@code <domain>118} and a 7-digit serial {@code firstSerial + i} (118: an
 * NVR, GB/T 28181 Appendix D); its channel {@code j} is {@code <domain>131} and serial
 * {@code firstSerial + i * channels + j} (131: a camera), so channels are unique across devices.
 *
 * @param devices          simulated devices, each with its own SIP port (the platform tells them apart by address and
 *                         port, since it sends its requests where REGISTERs come from)
 * @param channels         video channels per device
 * @param platformHost     the platform's SIP address
 * @param platformPort     the platform's SIP port (UDP)
 * @param serverId         the platform's 20-digit SIP id
 * @param domain           the 10-digit SIP domain; the first ten digits of every id
 * @param password         the platform's shared registration password
 * @param bindHost         where the devices' SIP and media sockets bind, e.g. "0.0.0.0" or "127.0.0.1"
 * @param firstSipPort     device {@code i} binds SIP port {@code firstSipPort + i}; 0 lets the system pick each
 * @param localAddress     the IPv4 address written in Via, Contact and SDP; null: the bind address when it names one,
 *                         else the address the system routes to the platform from
 * @param registerExpires  the registration asked for ({@code Expires}); renewed at four fifths of what is granted
 * @param keepaliveInterval how often each device sends a Keepalive MESSAGE
 * @param registersPerSecond how fast devices first register: a start of thousands at once would meet the platform's
 *                         per-address throttle ({@code gb28181.registersPerMinute}) and look like a storm
 * @param retryAfter       how long a device waits after a failed REGISTER before trying again
 * @param maxStreams       live streams at once over all devices; an INVITE past it is answered 486 Busy Here (each
 *                         stream costs a muxer and 1-5 Mbit/s)
 * @param eventLoopThreads I/O threads; 0 means one per core
 * @param sipOverTcp       SIP over one TCP connection a device (the platform then sends its requests on it), else
 *                         UDP; media goes as the platform's offer says either way
 */
public record GbSimulatorOptions(int devices, int channels, String platformHost, int platformPort, String serverId,
        String domain, String password, String bindHost, int firstSipPort, String localAddress,
        Duration registerExpires, Duration keepaliveInterval, int registersPerSecond, Duration retryAfter,
        int maxStreams, int eventLoopThreads, boolean sipOverTcp) {
    /** The first serial of device and channel ids. */
    public static final int FIRST_SERIAL = 1;
    private static final Pattern ID = Pattern.compile("[0-9]{20}");
    private static final Pattern DOMAIN = Pattern.compile("[0-9]{10}");

    public GbSimulatorOptions {
        if (devices < 1 || devices > 100_000) {
            throw new IllegalArgumentException("devices " + devices + " is outside [1, 100000]");
        }
        if (channels < 1 || channels > 10_000) {
            throw new IllegalArgumentException("channels " + channels + " is outside [1, 10000]");
        }
        if ((long) devices * channels > 9_999_999L) {
            throw new IllegalArgumentException("devices x channels exceeds the 7-digit serial");
        }
        Objects.requireNonNull(platformHost, "platformHost");
        if (platformPort < 1 || platformPort > 65_535) {
            throw new IllegalArgumentException("platformPort " + platformPort + " is outside [1, 65535]");
        }
        if (serverId == null || !ID.matcher(serverId).matches()) {
            throw new IllegalArgumentException("serverId must be 20 digits: " + serverId);
        }
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain must be 10 digits: " + domain);
        }
        Objects.requireNonNull(password, "password");
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost is empty");
        }
        if (firstSipPort < 0 || firstSipPort > 0 && firstSipPort + devices - 1 > 65_535) {
            throw new IllegalArgumentException("SIP ports " + firstSipPort + ".." + (firstSipPort + devices - 1)
                    + " do not fit in [1, 65535]");
        }
        if (registerExpires.toSeconds() < 60 || registerExpires.toSeconds() > 86_400) {
            throw new IllegalArgumentException("registerExpires " + registerExpires + " is outside [60 s, 24 h]");
        }
        if (keepaliveInterval.isNegative() || keepaliveInterval.toMillis() < 100) {
            throw new IllegalArgumentException("keepaliveInterval " + keepaliveInterval + " is under 100 ms");
        }
        if (registersPerSecond < 1 || registersPerSecond > 100_000) {
            throw new IllegalArgumentException("registersPerSecond " + registersPerSecond + " is outside [1, 100000]");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
        if (maxStreams < 0) {
            throw new IllegalArgumentException("maxStreams " + maxStreams + " is negative");
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("eventLoopThreads " + eventLoopThreads + " is negative");
        }
    }

    /**
     * {@code devices} x {@code channels} on 127.0.0.1 against a platform there: registration for an hour,
     * keepalives every 60 s, 100 registrations a second, up to 1,000 streams.
     */
    public static GbSimulatorOptions loopback(int devices, int channels, int platformPort, String serverId,
            String domain, String password) {
        return new GbSimulatorOptions(devices, channels, "127.0.0.1", platformPort, serverId, domain, password,
                "127.0.0.1", 0, null, Duration.ofHours(1), Duration.ofSeconds(60), 100, Duration.ofSeconds(30), 1000,
                0, false);
    }

    /** The same options with another keepalive interval. */
    public GbSimulatorOptions withKeepaliveInterval(Duration interval) {
        return new GbSimulatorOptions(devices, channels, platformHost, platformPort, serverId, domain, password,
                bindHost, firstSipPort, localAddress, registerExpires, interval, registersPerSecond, retryAfter,
                maxStreams, eventLoopThreads, sipOverTcp);
    }

    /** The same options with another limit of live streams. */
    public GbSimulatorOptions withMaxStreams(int streams) {
        return new GbSimulatorOptions(devices, channels, platformHost, platformPort, serverId, domain, password,
                bindHost, firstSipPort, localAddress, registerExpires, keepaliveInterval, registersPerSecond, retryAfter,
                streams, eventLoopThreads, sipOverTcp);
    }

    /** The same options with SIP over TCP ({@code true}) or UDP. */
    public GbSimulatorOptions withSipOverTcp(boolean tcp) {
        return new GbSimulatorOptions(devices, channels, platformHost, platformPort, serverId, domain, password,
                bindHost, firstSipPort, localAddress, registerExpires, keepaliveInterval, registersPerSecond, retryAfter,
                maxStreams, eventLoopThreads, tcp);
    }

    /** The id of device {@code i} (0-based). */
    public String deviceId(int i) {
        return domain + "118" + String.format("%07d", FIRST_SERIAL + i);
    }

    /** The id of channel {@code j} of device {@code i} (both 0-based). */
    public String channelId(int i, int j) {
        return domain + "131" + String.format("%07d", FIRST_SERIAL + (long) i * channels + j);
    }
}
