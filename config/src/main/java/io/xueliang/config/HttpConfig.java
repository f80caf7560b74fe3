package io.xueliang.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param trustedProxies address blocks ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}) of reverse proxies
 *        whose {@code X-Forwarded-For} is believed: the client address audited and throttled is then the last
 *        address in that header that is not such a proxy. Empty: the TCP peer is the client, whatever it claims
 * @param maxConnections most open HTTP connections at once; more are closed as they arrive, so that a flood of
 *        connections cannot exhaust the process's file descriptors (the server lowers it at start to half the
 *        descriptor limit when that is smaller)
 * @param maxConnectionsPerAddress most open connections from one client address (trusted proxies exempt), so that
 *        one host cannot take all of {@code maxConnections}
 * @param headerTimeout how long a connection may take to send a request's headers, from connecting or from the end
 *        of the previous answer; a connection that takes longer (idle keep-alive, or a trickling client) is closed
 * @param idleTimeout a connection with neither a byte read nor written for this long is closed
 * @param tokenRequestsPerSecond requests per second one token may make on average; beyond that (and its burst) it is
 *        answered 429 without any work or audit record, so that one token cannot flood the store or the audit trail
 * @param tokenRequestBurst requests one token may make at once above its rate (a page opening, a player seeking)
 * @param ticketLifetime how long a media ticket (a URL credential for one playback or download, issued by
 *        {@code POST /api/v1/tickets}) may be used to start a request
 * @param mapTiles the web UI's map tiles: an http(s) URL with {@code {z}}, {@code {x}} and {@code {y}} in its path or
 *        query (an XYZ tile server of the network's own, {@code https://tiles.county.example/{z}/{x}/{y}.png}); the UI
 *        may load pictures from its origin and nowhere else. Null: the UI draws plain coordinates (a network with no
 *        tile server, no internet)
 * @param mapAttribution the line the map shows under the tiles (their source and licence); null for none
 */
public record HttpConfig(int port, String metricsToken, int maxBodyBytes, int maxHeaderBytes,
                         int maxRequestLineBytes, Path tlsCertificate, Path tlsKey, List<String> trustedProxies,
                         int maxConnections, int maxConnectionsPerAddress, Duration headerTimeout,
                         Duration idleTimeout, int tokenRequestsPerSecond, int tokenRequestBurst,
                         Duration ticketLifetime, String mapTiles, String mapAttribution) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 512;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_TOKEN_REQUESTS_PER_SECOND = 20;
    public static final int DEFAULT_TOKEN_REQUEST_BURST = 200;
    public static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofMinutes(15);
    /** Most trusted proxy blocks: a bound on the list every request is checked against. */
    public static final int MAX_TRUSTED_PROXIES = 64;
    /** Longest tile URL template and attribution line. */
    public static final int MAX_MAP_TILES_CHARS = 512;
    public static final int MAX_MAP_ATTRIBUTION_CHARS = 200;

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
        Require.nonNull("trustedProxies", trustedProxies);
        if (trustedProxies.size() > MAX_TRUSTED_PROXIES) {
            throw new ConfigException("trustedProxies", "at most " + MAX_TRUSTED_PROXIES + " address blocks, got "
                    + trustedProxies.size());
        }
        for (int i = 0; i < trustedProxies.size(); i++) {
            AddressBlock.parse("trustedProxies[" + i + "]", trustedProxies.get(i));
        }
        trustedProxies = List.copyOf(trustedProxies);
        Require.between("maxConnections", maxConnections, 16, 1_000_000);
        Require.between("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, maxConnections);
        Require.between("headerTimeout", headerTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
        Require.between("idleTimeout", idleTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
        Require.between("tokenRequestsPerSecond", tokenRequestsPerSecond, 1, 100_000);
        Require.between("tokenRequestBurst", tokenRequestBurst, 1, 1_000_000);
        Require.between("ticketLifetime", ticketLifetime, Duration.ofSeconds(10), Duration.ofHours(12));
        if (mapTiles != null) {
            mapTileOrigin(mapTiles);
        }
        if (mapAttribution != null && (mapAttribution.isBlank() || mapAttribution.length() > MAX_MAP_ATTRIBUTION_CHARS
                || mapAttribution.chars().anyMatch(Character::isISOControl))) {
            throw new ConfigException("mapAttribution", "must be one line of 1-" + MAX_MAP_ATTRIBUTION_CHARS
                    + " characters; leave the key out for none");
        }
    }

    /** The origin ({@code https://host[:port]}) the map tiles come from, or null when none are configured. */
    public String mapTileOrigin() {
        return mapTiles == null ? null : mapTileOrigin(mapTiles);
    }

    private static String mapTileOrigin(String template) {
        if (template.length() > MAX_MAP_TILES_CHARS) {
            throw new ConfigException("mapTiles", "at most " + MAX_MAP_TILES_CHARS + " characters, got "
                    + template.length());
        }
        for (String p : List.of("{z}", "{x}", "{y}")) {
            if (!template.contains(p)) {
                throw new ConfigException("mapTiles", "must contain " + p + " (an XYZ tile URL such as"
                        + " https://tiles.example/{z}/{x}/{y}.png)");
            }
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("mapTiles", "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException("mapTiles", "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new ConfigException("mapTiles", "must name a host, with no user name, password or #fragment");
        }
        String authority = template.substring(scheme.length() + 3).split("[/?]", 2)[0];
        if (authority.contains("{")) {
            throw new ConfigException("mapTiles", "{z}, {x} and {y} go in the path or query, not the host (the UI"
                    + " may load pictures from one origin)");
        }
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** Plain HTTP on {@code port} with the default limits. */
    public HttpConfig(int port, String metricsToken) {
        this(port, metricsToken, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_REQUEST_LINE_BYTES,
                null, null);
    }

    /** The given sizes and TLS files, and the default connection, rate and ticket limits. */
    public HttpConfig(int port, String metricsToken, int maxBodyBytes, int maxHeaderBytes, int maxRequestLineBytes,
            Path tlsCertificate, Path tlsKey) {
        this(port, metricsToken, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes, tlsCertificate, tlsKey, List.of(),
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_TOKEN_REQUESTS_PER_SECOND, DEFAULT_TOKEN_REQUEST_BURST,
                DEFAULT_TICKET_LIFETIME, null, null);
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_PORT, null);
    }

    /** True when both PEM files are configured. */
    public boolean tls() {
        return tlsCertificate != null;
    }

    /** Never prints the token itself, nor the tile URL's query (a tile service's key may be in it). */
    @Override
    public String toString() {
        return "HttpConfig[port=" + port + ", metricsToken=" + (metricsToken == null ? "null" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxRequestLineBytes=" + maxRequestLineBytes + ", tlsCertificate=" + tlsCertificate
                + ", tlsKey=" + tlsKey + ", trustedProxies=" + trustedProxies + ", maxConnections=" + maxConnections
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", headerTimeout=" + headerTimeout
                + ", idleTimeout=" + idleTimeout + ", tokenRequestsPerSecond=" + tokenRequestsPerSecond
                + ", tokenRequestBurst=" + tokenRequestBurst + ", ticketLifetime=" + ticketLifetime
                + ", mapTiles=" + (mapTiles == null || !mapTiles.contains("?") ? mapTiles
                        : mapTiles.substring(0, mapTiles.indexOf('?')) + "?***")
                + ", mapAttribution=" + mapAttribution + "]";
    }
}
