package io.xueliang.config;

/**
 * The HTTP server: API, live outputs, web UI and {@code /metrics}.
 *
 * @param port TCP port to listen on; 0 picks a free port (tests)
 * @param metricsToken when set, {@code /metrics} requires {@code Authorization: Bearer <token>};
 *        null leaves {@code /metrics} open to whoever can reach the port
 */
public record HttpConfig(int port, String metricsToken) {
    public static final int DEFAULT_PORT = 8080;

    public HttpConfig {
        Require.between("port", port, 0, 65535);
        if (metricsToken != null && metricsToken.isBlank()) {
            throw new ConfigException("metricsToken", "must not be empty; leave the key out for no token");
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_PORT, null);
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "HttpConfig[port=" + port + ", metricsToken=" + (metricsToken == null ? "null" : "***") + "]";
    }
}
