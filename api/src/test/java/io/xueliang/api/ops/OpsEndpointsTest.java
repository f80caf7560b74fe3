package io.xueliang.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.ApiServer;
import io.xueliang.config.HttpConfig;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.media.FakeClock;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.TokenKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpsEndpointsTest {
    private final FakeClock clock = new FakeClock();
    private final HttpClient http = HttpClient.newHttpClient();

    private List<CameraHealth> cameras() {
        return List.of(
                new CameraHealth(CameraId.of("43032100001210000001"), CameraState.PLAYING, 250, 1_000_000, 3, 1,
                        clock.instant().minusMillis(40), null),
                new CameraHealth(CameraId.of("cam2"), CameraState.BACKOFF, 0, 0, 0, 7, null, "ConnectException: refused"));
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exposesPerCameraMetricsNamedAsTheDesignSays() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CameraMetricsCollector(this::cameras, clock));
        try (ApiServer server = serve(registry, "s3cret")) {
            HttpResponse<String> r = get(server.port(), "/metrics", "s3cret");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("xueliang_camera_up{camera=\"43032100001210000001\"} 1")
                    .contains("xueliang_camera_up{camera=\"cam2\"} 0")
                    .contains("xueliang_camera_frames_total{camera=\"43032100001210000001\"} 250")
                    .contains("xueliang_camera_bytes_total{camera=\"43032100001210000001\"} 1000000")
                    .contains("xueliang_camera_rtp_lost_total{camera=\"43032100001210000001\"} 3")
                    .contains("xueliang_camera_reconnects_total{camera=\"cam2\"} 7")
                    .contains("xueliang_camera_last_frame_age_seconds{camera=\"43032100001210000001\"} 0.04")
                    .contains("xueliang_camera_last_frame_age_seconds{camera=\"cam2\"} NaN");

            HttpResponse<String> h = get(server.port(), "/healthz", null);
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(h.body()).isEqualTo("{\"status\":\"ok\",\"cameras\":2,\"playing\":1}");
        }
    }

    @Test
    void metricsTokenGuardsMetricsButNotHealth() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CameraMetricsCollector(this::cameras, clock));
        try (ApiServer server = serve(registry, "s3cret")) {
            assertThat(get(server.port(), "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(server.port(), "/metrics", "wrong").statusCode()).isEqualTo(401);
            assertThat(get(server.port(), "/metrics", "s3cret").statusCode()).isEqualTo(200);
            assertThat(get(server.port(), "/healthz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAdminsTokenReadsMetricsOtherUsersDoNot() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CameraMetricsCollector(this::cameras, clock));
        Map<String, Principal> users = Map.of(
                "admin-token", new Principal("admin", "0".repeat(32), Set.of(Role.ADMIN), List.of(), 1, TokenKind.SESSION),
                "viewer-token", new Principal("v", "1".repeat(32), Set.of(Role.VIEWER), List.of(), 2, TokenKind.SESSION));
        ApiOperations operations = new ApiOperations();
        new OpsEndpoints(registry, this::cameras, null,
                token -> Future.succeededFuture(Optional.ofNullable(users.get(token)))).register(operations);
        try (ApiServer server = ApiServer.start(new HttpConfig(0, null), "127.0.0.1", operations, Duration.ofSeconds(10))) {
            assertThat(get(server.port(), "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(server.port(), "/metrics", "unknown").statusCode()).isEqualTo(401);
            assertThat(get(server.port(), "/metrics", "viewer-token").statusCode()).isEqualTo(403);
            HttpResponse<String> r = get(server.port(), "/metrics", "admin-token");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("xueliang_camera_up{camera=\"cam2\"} 0");
        }
    }

    /** The contract-first server with only the operations endpoints mounted, as the server mounts them. */
    private ApiServer serve(PrometheusRegistry registry, String metricsToken) throws Exception {
        ApiOperations operations = new ApiOperations();
        new OpsEndpoints(registry, this::cameras, metricsToken).register(operations);
        return ApiServer.start(new HttpConfig(0, metricsToken), "127.0.0.1", operations, Duration.ofSeconds(10));
    }
}
