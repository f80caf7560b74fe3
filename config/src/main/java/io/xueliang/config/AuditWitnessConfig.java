package io.xueliang.config;

import java.net.URI;
import java.time.Duration;

/**
 * External witnesses of audit checkpoints: each checkpoint is also sent where the store's owner cannot take it back.
 * Both are optional and may be used together.
 *
 * <p>{@link #toString()} never prints the token, and no {@link ConfigException} quotes it.
 *
 * @param syslog {@code udp://host[:port]} or {@code tcp://host[:port]} of a syslog server (RFC 5424 messages; port
 *        514 when left out); null for none
 * @param http an {@code http://} or {@code https://} URL that takes each checkpoint as a JSON POST; null for none
 * @param httpToken sent to {@code http} as {@code Authorization: Bearer <token>}; null for none
 * @param timeout longest wait for a witness to connect and take one checkpoint; 100ms-1m
 */
public record AuditWitnessConfig(URI syslog, URI http, String httpToken, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public AuditWitnessConfig {
        if (syslog != null) {
            checkSyslog(syslog);
        }
        if (http != null) {
            checkHttp(http);
        }
        if (httpToken != null && httpToken.isBlank()) {
            throw new ConfigException("httpToken", "must not be empty; leave the key out for no token");
        }
        if (httpToken != null && http == null) {
            throw new ConfigException("httpToken", "is set but http is not");
        }
        Require.between("timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(1));
    }

    public static AuditWitnessConfig defaults() {
        return new AuditWitnessConfig(null, null, null, DEFAULT_TIMEOUT);
    }

    private static void checkSyslog(URI uri) {
        String scheme = uri.getScheme();
        if (!"udp".equals(scheme) && !"tcp".equals(scheme)) {
            throw new ConfigException("syslog", "must be udp://host[:port] or tcp://host[:port], got "
                    + (scheme == null ? "no scheme" : "scheme '" + scheme + "'"));
        }
        if (uri.getHost() == null) {
            throw new ConfigException("syslog", "must have a host");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("syslog", "must be only scheme, host and port, e.g. udp://loghost:514");
        }
    }

    private static void checkHttp(URI uri) {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new ConfigException("http", "must be an http:// or https:// URL, got "
                    + (scheme == null ? "no scheme" : "scheme '" + scheme + "'"));
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException("http", "must not hold credentials; use httpToken");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("http", "must have a host");
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AuditWitnessConfig[syslog=" + syslog + ", http=" + http + ", httpToken="
                + (httpToken == null ? "null" : "***") + ", timeout=" + timeout + "]";
    }
}
