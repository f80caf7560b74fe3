package io.xueliang.ingest.rtsp;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.Transport;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;
import io.xueliang.ingest.sdp.SdpLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How one RTSP session behaves; immutable, shareable between cameras.
 *
 * @param transport             TCP interleaved (default) or UDP
 * @param connectTimeout        TCP connect
 * @param requestTimeout        answer to any request but TEARDOWN; a keep-alive left unanswered
 *                              is only logged, the no-data watchdog judges liveness
 * @param teardownTimeout       how long {@code stop()} waits for the TEARDOWN answer before closing
 * @param maxRedirects          3xx answers followed per start, against redirect loops
 * @param defaultSessionTimeout when the Session header has no {@code timeout=} (RFC 2326: 60 s)
 * @param maxSessionTimeout     clamp for {@code timeout=}; a camera saying 0 or 10^9 still gets pinged
 * @param decoderLimits         wire limits, see {@link RtspDecoderLimits}
 * @param sdpLimits             SDP limits, see {@link SdpLimits}
 * @param udpPorts              local ports for UDP transport; shared by all sessions
 * @param userAgent             sent on every request
 * @param auth                  which challenges the URI's credentials may answer; Basic only where
 *                              this allows it (plain RTSP carries it in clear)
 */
public record RtspClientConfig(Transport transport, Duration connectTimeout, Duration requestTimeout,
                               Duration teardownTimeout, int maxRedirects, Duration defaultSessionTimeout,
                               Duration maxSessionTimeout, RtspDecoderLimits decoderLimits, SdpLimits sdpLimits,
                               UdpPortRange udpPorts, String userAgent, CameraAuth auth) {

    public RtspClientConfig {
        Objects.requireNonNull(transport, "transport");
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("teardownTimeout", teardownTimeout);
        positive("defaultSessionTimeout", defaultSessionTimeout);
        positive("maxSessionTimeout", maxSessionTimeout);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0: " + maxRedirects);
        }
        Objects.requireNonNull(decoderLimits, "decoderLimits");
        Objects.requireNonNull(sdpLimits, "sdpLimits");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(auth, "auth");
        if (transport == Transport.UDP) {
            Objects.requireNonNull(udpPorts, "udpPorts is required for UDP transport");
        }
    }

    /** TCP, 5 s connect, 10 s answers, 2 s TEARDOWN, 3 redirects, ports 50000-59999 for UDP, Digest only. */
    public static RtspClientConfig defaults() {
        return new RtspClientConfig(Transport.TCP, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 3, Duration.ofSeconds(60), Duration.ofSeconds(600),
                RtspDecoderLimits.DEFAULTS, SdpLimits.DEFAULTS, new UdpPortRange(50000, 59999), "xueliang",
                CameraAuth.DIGEST);
    }

    public RtspClientConfig withTransport(Transport value) {
        return new RtspClientConfig(value, connectTimeout, requestTimeout, teardownTimeout, maxRedirects,
                defaultSessionTimeout, maxSessionTimeout, decoderLimits, sdpLimits, udpPorts, userAgent, auth);
    }

    public RtspClientConfig withUdpPorts(UdpPortRange value) {
        return new RtspClientConfig(transport, connectTimeout, requestTimeout, teardownTimeout, maxRedirects,
                defaultSessionTimeout, maxSessionTimeout, decoderLimits, sdpLimits, value, userAgent, auth);
    }

    public RtspClientConfig withRequestTimeout(Duration value) {
        return new RtspClientConfig(transport, connectTimeout, value, teardownTimeout, maxRedirects,
                defaultSessionTimeout, maxSessionTimeout, decoderLimits, sdpLimits, udpPorts, userAgent, auth);
    }

    public RtspClientConfig withDecoderLimits(RtspDecoderLimits value) {
        return new RtspClientConfig(transport, connectTimeout, requestTimeout, teardownTimeout, maxRedirects,
                defaultSessionTimeout, maxSessionTimeout, value, sdpLimits, udpPorts, userAgent, auth);
    }

    public RtspClientConfig withMaxRedirects(int value) {
        return new RtspClientConfig(transport, connectTimeout, requestTimeout, teardownTimeout, value,
                defaultSessionTimeout, maxSessionTimeout, decoderLimits, sdpLimits, udpPorts, userAgent, auth);
    }

    public RtspClientConfig withAuth(CameraAuth value) {
        return new RtspClientConfig(transport, connectTimeout, requestTimeout, teardownTimeout, maxRedirects,
                defaultSessionTimeout, maxSessionTimeout, decoderLimits, sdpLimits, udpPorts, userAgent, value);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }
}
