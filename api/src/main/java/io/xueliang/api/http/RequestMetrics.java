package io.xueliang.api.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * The API's own Prometheus metrics (DESIGN.md section 5, {@code xueliang_http_*}), recorded by the
 * first root handler when the answer ends, whatever answered it (handler, validation, 401, 404, 413):
 *
 * <pre>
 *   xueliang_http_requests_total{operation, method, status}    counter
 *   xueliang_http_request_duration_seconds{operation}          histogram: first handler to end of answer
 * </pre>
 *
 * Every label has a bounded set of values whatever clients send: {@code operation} is the contract's
 * operation id, {@code static} for a file served from the static directory, else {@code none}
 * (never the raw path); {@code method} is a standard method or {@code other}; {@code status} is the
 * status code answered, or {@code aborted} when the connection went before an answer. Requests the
 * HTTP codec itself refuses (414, 431) never reach the router and are not counted.
 */
final class RequestMetrics implements PlatformHandler {
    /** Routing-context key of the operation id (or {@link #NONE}), put by {@link Authentication}. */
    static final String OPERATION = "xueliang.operation";
    /** Routing-context key set by the static-file route. */
    static final String STATIC = "xueliang.static";
    static final String NONE = "none";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /** From a cached answer (~1 ms) to a slow export listing; 10 s and more is an incident. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final OpenAPIContract contract;
    private final Counter requests = Counter.builder()
            .name("xueliang_http_requests_total")
            .help("HTTP requests answered, by contract operation, method and status code")
            .labelNames("operation", "method", "status")
            .withoutExemplars()
            .build();
    private final Histogram duration = Histogram.builder()
            .name("xueliang_http_request_duration_seconds")
            .help("Time from a request's first handler to the end of its answer, by contract operation")
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .withoutExemplars()
            .build();

    RequestMetrics(OpenAPIContract contract) {
        this.contract = contract;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> record(ctx, ended.succeeded(), System.nanoTime() - start));
        ctx.next();
    }

    private void record(RoutingContext ctx, boolean answered, long nanos) {
        int code = ctx.response().getStatusCode();
        String operation = operation(ctx, code);
        String method = ctx.request().method().name();
        requests.labelValues(operation, METHODS.contains(method) ? method : "other",
                answered ? Integer.toString(code) : "aborted").inc();
        duration.labelValues(operation).observe(nanos / 1e9);
    }

    private String operation(RoutingContext ctx, int code) {
        String id = ctx.get(OPERATION);
        if (id == null) {
            // Answered before Authentication looked the operation up (413 from the body limit,
            // a malformed path refused by RequestGate).
            id = lookup(ctx);
        }
        if (NONE.equals(id) && ctx.get(STATIC) != null && code < 400) {
            return "static";
        }
        return id;
    }

    private String lookup(RoutingContext ctx) {
        try {
            Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
            return op == null ? NONE : op.getOperationId();
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    void register(PrometheusRegistry registry) {
        registry.register(requests);
        registry.register(duration);
    }

    void unregister(PrometheusRegistry registry) {
        registry.unregister(requests);
        registry.unregister(duration);
    }
}
