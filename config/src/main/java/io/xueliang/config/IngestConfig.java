package io.xueliang.config;

import java.time.Duration;

/**
 * Getting video in: RTSP sessions, their limits, reconnection and fan-out (DESIGN.md §6, §11).
 * Every size a camera can send has a limit here: bad or hostile bytes from one camera end that
 * camera's session, never the process.
 *
 * @param connectAttemptsPerSecond global cap on new connection attempts per second, so that after
 *        a network outage thousands of cameras do not reconnect in one storm; 1-10000
 * @param backoffMin first reconnect delay; later delays double up to {@code backoffMax}, each drawn
 *        with full jitter; 10ms-10m
 * @param backoffMax longest reconnect delay; at least {@code backoffMin}, at most 1h
 * @param noDataTimeout a session that completes no video access unit for this long is closed and
 *        reconnected (watchdog; bytes that never make a frame do not count); 1s-10m
 * @param connectTimeout TCP connect timeout; 100ms-5m
 * @param requestTimeout longest wait for the answer to an RTSP request; 100ms-5m
 * @param sessionTimeoutDefault session timeout assumed when a camera's SETUP answer gives none
 *        (RFC 2326 §12.37 default 60 s); keep-alives go at half of it; 5s-1h
 * @param maxRtspHeaderBytes largest header block of one RTSP response; prevents memory
 *        exhaustion by a hostile or broken camera that never ends its headers; 1024-1048576
 * @param maxRtspBodyBytes largest RTSP response body (SDP); 1024-16777216
 * @param maxAccessUnitBytes largest access unit (one video frame) assembled from RTP packets;
 *        a larger one is dropped and counted; 65536-67108864
 * @param maxRedirects RTSP redirects followed before giving up; 0-10
 * @param hubQueueUnits access units queued per reader of a camera's stream hub; a slower reader
 *        drops to the next keyframe; 1-65536
 * @param eventLoopThreads Netty event loop threads; 0 means one per available core; 0-1024
 * @param udpPortMin lowest local port for RTP/RTCP over UDP; even, since RTP takes an even port
 *        and RTCP the next odd one (RFC 3550 §11); 1024-65534
 * @param udpPortMax highest local port for RTP/RTCP over UDP; above {@code udpPortMin}, at most 65535
 * @param keepKeyframes whether each camera's hub keeps its latest keyframe, so that a live view of a camera nobody
 *        watches shows a picture at once and a snapshot needs no wait; costs one keyframe of memory a camera
 */
public record IngestConfig(
        int connectAttemptsPerSecond,
        Duration backoffMin,
        Duration backoffMax,
        Duration noDataTimeout,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration sessionTimeoutDefault,
        int maxRtspHeaderBytes,
        int maxRtspBodyBytes,
        int maxAccessUnitBytes,
        int maxRedirects,
        int hubQueueUnits,
        int eventLoopThreads,
        int udpPortMin,
        int udpPortMax,
        boolean keepKeyframes) {

    public IngestConfig {
        Require.between("connectAttemptsPerSecond", connectAttemptsPerSecond, 1, 10_000);
        Require.between("backoffMin", backoffMin, Duration.ofMillis(10), Duration.ofMinutes(10));
        Require.between("backoffMax", backoffMax, Duration.ofMillis(10), Duration.ofHours(1));
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new ConfigException("backoffMax", "must be at least backoffMin ("
                    + DurationFormat.format(backoffMin) + "), got " + DurationFormat.format(backoffMax));
        }
        Require.between("noDataTimeout", noDataTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        Require.between("connectTimeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        Require.between("requestTimeout", requestTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        Require.between("sessionTimeoutDefault", sessionTimeoutDefault, Duration.ofSeconds(5), Duration.ofHours(1));
        Require.between("maxRtspHeaderBytes", maxRtspHeaderBytes, 1024, 1 << 20);
        Require.between("maxRtspBodyBytes", maxRtspBodyBytes, 1024, 16 << 20);
        Require.between("maxAccessUnitBytes", maxAccessUnitBytes, 64 << 10, 64 << 20);
        Require.between("maxRedirects", maxRedirects, 0, 10);
        Require.between("hubQueueUnits", hubQueueUnits, 1, 65536);
        Require.between("eventLoopThreads", eventLoopThreads, 0, 1024);
        Require.between("udpPortMin", udpPortMin, 1024, 65534);
        if (udpPortMin % 2 != 0) {
            throw new ConfigException("udpPortMin",
                    "must be even (RTP takes the even port, RTCP the next odd one), got " + udpPortMin);
        }
        Require.between("udpPortMax", udpPortMax, 1025, 65535);
        if (udpPortMax <= udpPortMin) {
            throw new ConfigException("udpPortMax",
                    "must be greater than udpPortMin (" + udpPortMin + "), got " + udpPortMax);
        }
    }

    public static IngestConfig defaults() {
        return new IngestConfig(
                50,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                16384,
                65536,
                4194304,
                3,
                512,
                0,
                20000,
                40000,
                true);
    }

    /** {@link #eventLoopThreads()}, with 0 replaced by the number of available cores. */
    public int effectiveEventLoopThreads() {
        return eventLoopThreads > 0 ? eventLoopThreads : Runtime.getRuntime().availableProcessors();
    }
}
