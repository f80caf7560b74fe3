package io.xueliang.config;

import java.nio.file.Path;

/**
 * The HTTP server: API, live outputs, web UI and {@code /metrics}.
 *
 * @param port TCP port to listen on; 0 picks a free port (tests)
 * @param metricsToken a Prometheus scraper's bearer token for {@code /metrics} (admins' tokens work too);
 *        null: admins' tokens only
 * @param maxBodyBytes largest request body accepted; a larger one is answered 413 before it is
 *        buffered, so a client cannot exhaust memory with one request
 * @param maxHeaderBytes largest header block of one request; a larger one is answered 431 by the
 *        HTTP codec before any handler runs
 * @param maxRequestLineBytes largest request line (method, path and query string); a longer one is
 *        answered 414 by the HTTP codec, which bounds every query string
 * @param tlsCertificate PEM file with the server certificate chain; with {@code tlsKey} turns HTTPS
 *        on; null for plain HTTP
 * @param tlsKey PEM file with the private key of {@code tlsCertificate}; null for plain HTTP
 */
public record HttpConfig(int port, String metricsToken, int maxBodyBytes, int maxHeaderBytes,
                         int maxRequestLineBytes, Path tlsCertificate, Path tlsKey) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4 * 1024;

    public HttpConfig {
        Require.between("port", port, 0, 65535);
        if (metricsToken != null && metricsToken.isBlank()) {
            throw new ConfigException("metricsToken", "must not be empty; leave the key out for no token");
        }
        Require.between("maxBodyBytes", maxBodyBytes, 1024, 1024 * 1024 * 1024);
        Require.between("maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
        Require.between("maxRequestLineBytes", maxRequestLineBytes, 256, 1024 * 1024);
        if (tlsCertificate != null && tlsCertificate.toString().isEmpty()) {
            throw new ConfigException("tlsCertificate", "must not be empty; leave the key out for plain HTTP");
        }
        if (tlsKey != null && tlsKey.toString().isEmpty()) {
            throw new ConfigException("tlsKey", "must not be empty; leave the key out for plain HTTP");
        }
        if (tlsCertificate != null && tlsKey == null) {
            throw new ConfigException("tlsKey", "must be set when tlsCertificate is set (HTTPS needs both PEM files)");
        }
        if (tlsKey != null && tlsCertificate == null) {
            throw new ConfigException("tlsCertificate", "must be set when tlsKey is set (HTTPS needs both PEM files)");
        }
    }

    /** Plain HTTP on {@code port} with the default limits. */
    public HttpConfig(int port, String metricsToken) {
        this(port, metricsToken, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_REQUEST_LINE_BYTES,
                null, null);
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_PORT, null);
    }

    /** True when both PEM files are configured. */
    public boolean tls() {
        return tlsCertificate != null;
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "HttpConfig[port=" + port + ", metricsToken=" + (metricsToken == null ? "null" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxRequestLineBytes=" + maxRequestLineBytes + ", tlsCertificate=" + tlsCertificate
                + ", tlsKey=" + tlsKey + "]";
    }
}
