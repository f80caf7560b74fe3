package io.xueliang.api.http;

import com.sun.management.UnixOperatingSystemMXBean;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.problem.ProblemFailureHandler;
import io.xueliang.config.AddressBlock;
import io.xueliang.config.HttpConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the API, built from the contract {@code api/openapi.yaml}: every operation
 * of the contract becomes a route that validates the request against the contract before its
 * handler from {@link ApiOperations} runs. Per request, in order:
 *
 * <pre>
 *  [request metrics] -> request id, query decodable, no form body (RequestGate) -> body, at most http.maxBodyBytes (else 413)
 *    -> bearer authentication (operations whose contract requires it) -> no key twice in a JSON object (else 400)
 *    -> contract validation (else 400)
 *    -> [Content-Type check for bodies the validator cannot parse] -> operation handler
 *  any failure -> ProblemFailureHandler (problem+json); no route -> 404, wrong method -> 405
 *  GET/HEAD claimed by no operation -> [static files] -> 404
 * </pre>
 *
 * An operation of the contract without a handler answers 501 problem+json and is listed by
 * {@link #unimplementedOperations()}. Header blocks and request lines beyond
 * {@code http.maxHeaderBytes} and {@code http.maxRequestLineBytes} are refused by Vert.x's HTTP
 * codec (431, 414) before any of this, and connections are capped and timed by {@link ConnectionGuard} before that. HTTPS when both PEM files are configured, else plain HTTP
 * with a warning. Request metrics ({@link RequestMetrics}) and static files are optional, set in
 * {@link ApiOperations}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final boolean tls;
    private final Map<String, String> operations;
    private final Set<String> unimplemented;
    private final PrometheusRegistry registry;
    private final RequestMetrics metrics;
    private final ConnectionGuard guard;

    private ApiServer(Vertx vertx, HttpServer server, boolean tls, Map<String, String> operations, Set<String> unimplemented,
            PrometheusRegistry registry, RequestMetrics metrics, ConnectionGuard guard) {
        this.guard = guard;
        this.registry = registry;
        this.metrics = metrics;
        this.vertx = vertx;
        this.server = server;
        this.tls = tls;
        this.operations = operations;
        this.unimplemented = unimplemented;
    }

    /**
     * Loads the contract, mounts {@code operations} and listens on {@code host:http.port} (port 0
     * picks a free one), waiting at most {@code timeout}.
     *
     * @throws IllegalArgumentException when {@code operations} names an operation the contract lacks
     * @throws NoSuchFileException when a configured PEM file cannot be read
     */
    public static ApiServer start(HttpConfig http, String host, ApiOperations operations, Duration timeout) throws Exception {
        if (http.tls()) {
            readable(http.tlsCertificate(), "http.tlsCertificate");
            readable(http.tlsKey(), "http.tlsKey");
        }
        Vertx vertx = Vertx.vertx();
        try {
            Map<String, Set<String>> bodiesCheckedHere = new LinkedHashMap<>();
            JsonObject raw = ApiContract.json();
            OpenAPIContract contract = OpenAPIContract.from(vertx, ApiContract.forValidator(raw, bodiesCheckedHere))
                    .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);

            Set<String> unknown = new HashSet<>(operations.handlers().keySet());
            unknown.addAll(operations.guards().keySet());
            contract.operations().forEach(op -> unknown.remove(op.getOperationId()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("handlers for operations the contract does not have: " + unknown);
            }

            RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            builder.rootHandler(new WebSocketHold());
            RequestMetrics metrics = operations.metrics() == null ? null : new RequestMetrics(contract);
            if (metrics != null) {
                builder.rootHandler(metrics);
            }
            ClientAddress clients = new ClientAddress(http.trustedProxies().stream()
                    .map(b -> AddressBlock.parse("http.trustedProxies", b)).toList());
            builder.rootHandler(new RequestGate(clients));
            // Vert.x runs body handlers before any authentication (its handler order); the body
            // limit bounds what an unauthenticated client can make the server buffer.
            builder.rootHandler(BodyHandler.create(false).setBodyLimit(http.maxBodyBytes()));
            Authentication authentication = new Authentication(contract, bearerOperations(raw), operations.authenticator());
            builder.rootHandler(authentication);
            builder.rootHandler(new DuplicateKeyCheck());

            Map<String, String> all = new TreeMap<>();
            Set<String> unimplemented = new HashSet<>();
            for (OpenAPIRoute route : builder.getRoutes()) {
                Operation op = route.getOperation();
                String id = op.getOperationId();
                all.put(id, op.getHttpMethod() + " " + op.getOpenAPIPath());
                // Authentication is ours (root handler above, guard here), not the builder's.
                route.setDoSecurity(false);
                if (authentication.required(id)) {
                    route.addHandler(authentication.guard());
                }
                Set<String> mediaTypes = bodiesCheckedHere.get(id);
                if (mediaTypes != null) {
                    route.addHandler(new ContentTypeCheck(mediaTypes));
                }
                Handler<RoutingContext> handler = operations.handlers().get(id);
                Handler<RoutingContext> guard = operations.guards().get(id);
                if (guard != null && handler != null) {
                    route.addHandler(guard);
                }
                if (handler == null) {
                    unimplemented.add(id);
                    route.addHandler(ctx -> ctx.fail(ApiProblem.notImplemented("operation " + id + " is not implemented in this build")));
                } else {
                    route.addHandler(handler);
                }
            }
            Router router = builder.createRouter();
            if (operations.staticFiles() != null) {
                serveFiles(router, StaticHandler.create(FileSystemAccess.ROOT, operations.staticFiles().toString()));
            }
            if (operations.webUi() != null) {
                WebUiHeaders headers = new WebUiHeaders(http.mapTileOrigin());
                // hls.js, the UI's LL-HLS player, from its WebJar on the class path: its files only.
                serveFiles(router.route(HLS_JS_ROUTE), headers, StaticHandler.create(FileSystemAccess.RELATIVE, HLS_JS)
                        .setMaxAgeSeconds(86_400));
                serveFiles(router.route(), headers, StaticHandler.create(FileSystemAccess.RELATIVE, operations.webUi())
                        .setIndexPage("index.html")
                        // A new build's files are asked for again within a minute.
                        .setMaxAgeSeconds(60));
            }
            ProblemFailureHandler problems = new ProblemFailureHandler();
            router.route().failureHandler(problems);
            router.errorHandler(404, ctx -> ProblemFailureHandler.write(ctx, ProblemFailureHandler.forStatus(404)));
            router.errorHandler(405, ctx -> ProblemFailureHandler.write(ctx, ProblemFailureHandler.forStatus(405)));

            ConnectionGuard guard = new ConnectionGuard(vertx, connectionCap(http.maxConnections()),
                    http.maxConnectionsPerAddress(), http.headerTimeout(), clients);
            HttpServer server = vertx.createHttpServer(serverOptions(http)).connectionHandler(guard)
                    .requestHandler(guard.requests(router))
                    .listen(http.port(), host)
                    .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (http.tls()) {
                LOG.info("API listening on https://{}:{}", host, server.actualPort());
            } else {
                LOG.warn("API listening on plain HTTP at {}:{}: tokens and passwords cross the network readable; "
                        + "set http.tlsCertificate and http.tlsKey for HTTPS", host, server.actualPort());
            }
            if (!unimplemented.isEmpty()) {
                LOG.info("operations not implemented in this build (answer 501): {}", new TreeMap<>(all).keySet().stream()
                        .filter(unimplemented::contains).toList());
            }
            if (metrics != null) {
                metrics.register(operations.metrics());
                operations.metrics().register(guard);
            }
            return new ApiServer(vertx, server, http.tls(), Collections.unmodifiableMap(all), Collections.unmodifiableSet(unimplemented),
                    operations.metrics(), metrics, guard);
        } catch (Exception e) {
            // Waits for Vert.x's threads to end: a start that fails leaves no thread behind.
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Where the UI finds hls.js, and where the WebJar keeps it (its version is {@code hlsjs.version} in the pom). */
    static final String HLS_JS_ROUTE = "/vendor/hls/*";
    static final String HLS_JS = "META-INF/resources/webjars/hls.js/1.4.12/dist";

    /**
     * Serves files for GET and HEAD on paths no operation claims, counted as static in the metrics, never a directory
     * listing or a hidden file; {@code before} runs first (headers).
     */
    private static void serveFiles(Route route, Handler<RoutingContext> before, StaticHandler files) {
        route.method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> ctx.put(RequestMetrics.STATIC, Boolean.TRUE).next())
                .handler(before)
                .handler(files.setDirectoryListing(false).setIncludeHidden(false));
    }

    private static void serveFiles(Router router, StaticHandler files) {
        serveFiles(router.route(), RoutingContext::next, files);
    }

    /**
     * The connection cap in force: {@code configured}, or half the process's file-descriptor limit when that is
     * lower (the rest is for cameras, segment files and the store), so that a flood of connections is refused by us
     * rather than failing every accept, and every open, with "Too many open files".
     */
    static int connectionCap(int configured) {
        long fds = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            fds = unix.getMaxFileDescriptorCount();
        }
        if (fds > 0 && fds / 2 < configured) {
            int cap = (int) Math.max(16, fds / 2);
            LOG.warn("http.maxConnections {} lowered to {}: the process may open {} files (raise it with ulimit -n or"
                    + " LimitNOFILE)", configured, cap, fds);
            return cap;
        }
        return configured;
    }

    /** Connections open now. */
    public int openConnections() {
        return guard.open();
    }

    private static HttpServerOptions serverOptions(HttpConfig http) {
        // HTTP/1.1 only: over h2c the request-line and header limits of the HTTP/1 codec would not
        // apply (JDK and curl clients upgrade when offered), and ALPN stays off for TLS.
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setUseAlpn(false)
                .setIdleTimeout((int) http.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxHeaderSize(http.maxHeaderBytes())
                .setMaxInitialLineLength(http.maxRequestLineBytes());
        if (http.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(http.tlsCertificate().toString())
                    .setKeyPath(http.tlsKey().toString()));
        }
        return options;
    }

    private static void readable(Path file, String key) throws NoSuchFileException {
        if (!Files.isReadable(file)) {
            throw new NoSuchFileException(file.toString(), null, key + ": cannot read the PEM file");
        }
    }


    /**
     * Operation ids whose every {@code security} alternative (their own, or else the contract's) is the user bearer
     * scheme: the server authenticates those before validation. An operation that also admits another scheme or none
     * (/metrics takes the metrics token or a user's; /healthz and login take none) checks in its handler.
     */
    static Set<String> bearerOperations(JsonObject raw) {
        JsonArray global = raw.getJsonArray("security", new JsonArray());
        Set<String> ids = new HashSet<>();
        JsonObject paths = raw.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject op && op.containsKey("operationId")) {
                    JsonArray security = op.getJsonArray("security", global);
                    boolean required = !security.isEmpty()
                            && security.stream().allMatch(r -> r instanceof JsonObject o && o.size() == 1
                                    && o.containsKey("bearer"));
                    if (required) {
                        ids.add(op.getString("operationId"));
                    }
                }
            }
        }
        return ids;
    }

    public int port() {
        return server.actualPort();
    }

    public boolean tls() {
        return tls;
    }

    /** The Vert.x instance, for handlers that need timers or clients; closed with the server. */
    public Vertx vertx() {
        return vertx;
    }

    /** Every operation of the contract: operation id to "METHOD /path". */
    public Map<String, String> contractOperations() {
        return operations;
    }

    /** Operation ids of the contract that have no handler in this build (they answer 501). */
    public Set<String> unimplementedOperations() {
        return unimplemented;
    }

    @Override
    public void close() throws Exception {
        if (metrics != null) {
            metrics.unregister(registry);
            registry.unregister(guard);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
