package io.xueliang.api.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the API does, by the operation ids of {@code api/openapi.yaml}: the composition root fills
 * it, {@link ApiServer} mounts it. A handler runs after the request passed contract validation
 * and authentication; it answers, or fails the context (an {@link ApiProblem} for expected
 * failures). Blocking work goes through {@link BlockingWork}.
 *
 * <p>The authenticator runs for every operation whose contract requires the {@code bearer}
 * scheme, after the body is read (at most http.maxBodyBytes) and before validation; it calls {@code ctx.next()} to let the
 * request in or fails it with {@link ApiProblem#unauthorized}. Until one is set, every such
 * request is refused: an API without authentication is never served by accident.
 *
 * <p>Optional: a Prometheus registry for the server's request metrics ({@link RequestMetrics}), and
 * a directory of static files served at {@code /} to anyone (for the web UI's own files, never data).
 */
public final class ApiOperations {
    private final Map<String, Handler<RoutingContext>> handlers = new LinkedHashMap<>();
    private final Map<String, Handler<RoutingContext>> guards = new LinkedHashMap<>();
    private Handler<RoutingContext> authenticator =
            ctx -> ctx.fail(ApiProblem.unauthorized("no authentication is configured in this build"));
    private PrometheusRegistry metrics;
    private Path staticFiles;
    private String webUi;

    /** The contract operation id of a request, once the server has matched it; null before or for none. */
    public static String operationOf(RoutingContext ctx) {
        String id = ctx.get(RequestMetrics.OPERATION);
        return RequestMetrics.NONE.equals(id) ? null : id;
    }

    /** Registers the handler of {@code operationId}; an operation has one handler. */
    public ApiOperations handle(String operationId, Handler<RoutingContext> handler) {
        Objects.requireNonNull(handler, "handler");
        if (handlers.putIfAbsent(operationId, handler) != null) {
            throw new IllegalArgumentException("operation " + operationId + " already has a handler");
        }
        return this;
    }

    /**
     * Runs {@code guard} before the handler of each of {@code operationIds} (after authentication and validation):
     * it calls {@code ctx.next()} to let the request through or fails it, e.g. with 503 while the disk is full. One
     * guard per operation.
     */
    public ApiOperations guard(Handler<RoutingContext> guard, String... operationIds) {
        Objects.requireNonNull(guard, "guard");
        for (String id : operationIds) {
            if (guards.putIfAbsent(id, guard) != null) {
                throw new IllegalArgumentException("operation " + id + " already has a guard");
            }
        }
        return this;
    }

    /** Sets the bearer-token check (see the class doc). */
    public ApiOperations authenticator(Handler<RoutingContext> authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        return this;
    }

    /** Where the server registers its {@code xueliang_http_*} metrics (while it runs); none by default. */
    public ApiOperations metrics(PrometheusRegistry registry) {
        this.metrics = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Serves the files under {@code directory} for GET and HEAD on paths no operation claims,
     * without authentication: hidden files and directory listings are not served.
     */
    public ApiOperations staticFiles(Path directory) {
        this.staticFiles = directory.toAbsolutePath().normalize();
        return this;
    }

    /**
     * Serves the web UI from the class path directory {@code resourceRoot} (e.g. {@code io/xueliang/api/web}) for GET
     * and HEAD on paths no operation claims, {@code index.html} at {@code /}, with the headers of {@link WebUiHeaders}.
     * The files are public; everything they show comes from the API with the user's token.
     */
    public ApiOperations webUi(String resourceRoot) {
        if (resourceRoot.startsWith("/") || resourceRoot.contains("..")) {
            throw new IllegalArgumentException("a class path directory, relative: " + resourceRoot);
        }
        this.webUi = resourceRoot;
        return this;
    }

    Map<String, Handler<RoutingContext>> handlers() {
        return Collections.unmodifiableMap(handlers);
    }

    Map<String, Handler<RoutingContext>> guards() {
        return Collections.unmodifiableMap(guards);
    }

    Handler<RoutingContext> authenticator() {
        return authenticator;
    }

    PrometheusRegistry metrics() {
        return metrics;
    }

    Path staticFiles() {
        return staticFiles;
    }

    String webUi() {
        return webUi;
    }
}
