package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.gst.GstRtspServer;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as a user runs it: a YAML file naming outside RTSP cameras, then /metrics. */
class XueliangServerTest {
    private static final String PASSWORD = "Pa55-from-env";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static final String METRICS_TOKEN = "scraper-token-0123456789";

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double metric(String body, String name, String camera) {
        Matcher m = Pattern.compile("^" + name + "\\{camera=\"" + camera + "\"} (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private void awaitFrames(XueliangServer server, String... cameras) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(server.httpPort(), "/metrics");
            boolean all = true;
            for (String c : cameras) {
                all &= metric(body, "xueliang_camera_up", c) == 1 && metric(body, "xueliang_camera_frames_total", c) > 25;
            }
            if (all) {
                assertThat(body).doesNotContain(PASSWORD);
                assertThat(metric(body, "xueliang_camera_last_frame_age_seconds", cameras[0])).isLessThan(5);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cameras not playing with frames; last scrape:\n" + body);
    }

    @Test
    void ingestsCamerasNamedInAYamlFileWithPasswordsFromTheEnvironment() throws Exception {
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(2).withCredentials("admin", PASSWORD)).start()) {
            Path yaml = tmp.resolve("xueliang.yaml");
            Files.writeString(yaml, """
                    http: { port: 0, metricsToken: scraper-token-0123456789 }
                    storage: { root: %s }
                    cameraDefaults: { transport: tcp }
                    cameras:
                      - id: "43032100001310000001"
                        name: 易俗河镇中心街
                        region: [湘潭县, 易俗河镇]
                        source: rtsp://admin:${CAM_PASS}@127.0.0.1:%d/cam1
                      - id: "43032100001310000002"
                        source: rtsp://admin:${CAM_PASS}@127.0.0.1:%d/cam2
                        transport: udp
                    """.formatted(tmp.resolve("data"), sim.port(), sim.port()));
            XueliangConfig config = ConfigLoader.load(yaml, Map.of("CAM_PASS", PASSWORD));
            try (XueliangServer server = XueliangServer.start(config, "127.0.0.1")) {
                awaitFrames(server, "43032100001310000001", "43032100001310000002");
                assertThat(get(server.httpPort(), "/healthz")).isEqualTo("{\"status\":\"ok\",\"cameras\":2,\"playing\":2}");
                assertThat(get(server.httpPort(), "/metrics")).contains("jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void ingestsAThirdPartyGstreamerCamera() throws Exception {
        assumeTrue(GstRtspServer.available(), GstRtspServer.unavailableReason());
        Path ts = tmp.resolve("road.ts");
        try (InputStream in = getClass().getResourceAsStream("/clips/road-720p-h265.ts")) {
            Files.copy(in, ts);
        }
        try (GstRtspServer gst = GstRtspServer.builder().mount("/live", ts, "h265").digestAuth("admin", PASSWORD).start()) {
            XueliangConfig config = ConfigLoader.parse("""
                    http: { port: 0, metricsToken: scraper-token-0123456789 }
                    storage: { root: "%s" }
                    cameras:
                      - { id: gst1, source: "rtsp://admin:${CAM_PASS}@127.0.0.1:%d/live" }
                    """.formatted(tmp.resolve("gst-data"), gst.port()), "inline.yaml", Map.of("CAM_PASS", PASSWORD));
            try (XueliangServer server = XueliangServer.start(config, "127.0.0.1")) {
                awaitFrames(server, "gst1");
            }
        }
    }
}
