package io.xueliang.api.ops;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Handles {@code GET /metrics} (Prometheus text format, optionally behind its own bearer token) and
 * {@code GET /healthz} (liveness and a camera count). Rendering runs on a worker
 * thread: JVM collectors read MXBeans. The server's own request metrics ({@code xueliang_http_*})
 * go to the same registry.
 */
public final class OpsEndpoints {
    private final PrometheusRegistry registry;
    private final CameraHealthSource cameras;
    private final byte[] metricsToken;

    /** @param metricsToken bearer token required on /metrics, or null for none */
    public OpsEndpoints(PrometheusRegistry registry, CameraHealthSource cameras, String metricsToken) {
        this.registry = registry;
        this.cameras = cameras;
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Registers the {@code metrics} and {@code healthz} operations of the contract, and this registry for request metrics. */
    public void register(ApiOperations operations) {
        operations.handle("metrics", this::metrics).handle("healthz", this::healthz).metrics(registry);
    }

    private void metrics(RoutingContext ctx) {
        if (metricsToken != null && !authorised(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.fail(ApiProblem.unauthorized("/metrics needs the metrics token (http.metricsToken) as bearer token"));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
            return out.toByteArray();
        }, false).onSuccess(bytes -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, metricsToken);
    }

    private void healthz(RoutingContext ctx) {
        List<CameraHealth> all = cameras.cameraHealth();
        long playing = all.stream().filter(CameraHealth::up).count();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"status\":\"ok\",\"cameras\":" + all.size() + ",\"playing\":" + playing + "}");
    }
}
