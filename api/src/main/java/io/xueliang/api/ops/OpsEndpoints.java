package io.xueliang.api.ops;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.storage.auth.Principal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Handles {@code GET /metrics} (Prometheus text format) and {@code GET /healthz} (liveness and a camera count).
 * /metrics answers a scraper holding the metrics token ({@code http.metricsToken}) or an admin's session or API
 * token, and nobody else: it names every camera. Rendering runs on a worker thread: JVM collectors read MXBeans.
 * The server's own request metrics ({@code xueliang_http_*}) go to the same registry.
 */
public final class OpsEndpoints {
    private final PrometheusRegistry registry;
    private final CameraHealthSource cameras;
    private final byte[] metricsToken;
    private final Function<String, Future<Optional<Principal>>> users;

    /**
     * @param metricsToken the scraper's bearer token for /metrics, or null for none
     * @param users resolves a user's bearer token (on a worker); admins may read /metrics too
     */
    public OpsEndpoints(PrometheusRegistry registry, CameraHealthSource cameras, String metricsToken,
            Function<String, Future<Optional<Principal>>> users) {
        this.registry = registry;
        this.cameras = cameras;
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
        this.users = users;
    }

    /** /metrics for the metrics token only (no user store at hand). */
    public OpsEndpoints(PrometheusRegistry registry, CameraHealthSource cameras, String metricsToken) {
        this(registry, cameras, metricsToken, token -> Future.succeededFuture(Optional.empty()));
    }

    /** Registers the {@code metrics} and {@code healthz} operations of the contract, and this registry for request metrics. */
    public void register(ApiOperations operations) {
        operations.handle("metrics", this::metrics).handle("healthz", this::healthz).metrics(registry);
    }

    private void metrics(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() <= 7 + 256
                ? header.substring(7).trim() : null;
        if (token == null) {
            ctx.fail(ApiProblem.unauthorized("/metrics needs the metrics token (http.metricsToken) or an admin's token"));
            return;
        }
        if (metricsToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), metricsToken)) {
            render(ctx);
            return;
        }
        users.apply(token).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result().isEmpty()) {
                ctx.fail(ApiProblem.unauthorized("the token is unknown, expired or revoked"));
            } else if (!Permission.METRICS.grantedTo(r.result().get())) {
                ctx.fail(ApiProblem.forbidden("/metrics is for the metrics token or an admin without a region limit"));
            } else {
                render(ctx);
            }
        });
    }

    private void render(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
            return out.toByteArray();
        }, false).onSuccess(bytes -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private void healthz(RoutingContext ctx) {
        List<CameraHealth> all = cameras.cameraHealth();
        long playing = all.stream().filter(CameraHealth::up).count();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"status\":\"ok\",\"cameras\":" + all.size() + ",\"playing\":" + playing + "}");
    }
}
