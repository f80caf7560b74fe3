package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestMetricsTest {
    @TempDir
    static Path site;
    private static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>xueliang</h1>");
        Files.writeString(site.resolve(".hidden"), "not for the web");
        api = new TestApi(site);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void everyAnsweredRequestIsCountedByOperationMethodAndStatusWithoutTheRawPath() throws Exception {
        String unrouted = "/api/v1/no-such-route-" + UUID.randomUUID();
        Scrape before = scrape();

        assertThat(api.get("/api/v1/cameras?limit=10").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/cameras").statusCode()).isEqualTo(200);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/cameras")).GET()).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/cameras?limit=5000").statusCode()).isEqualTo(400);
        String big = "{\"id\":\"a\",\"source\":\"rtsp://h/\",\"direction\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(api.post("/api/v1/cameras", "application/json", big).statusCode()).isEqualTo(413);
        assertThat(api.get(unrouted).statusCode()).isEqualTo(404);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/healthz"))
                .method("BREW", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);

        Scrape after = scrape();
        assertThat(after.delta(before, requests("listCameras", "GET", "200"))).isEqualTo(2);
        assertThat(after.delta(before, requests("listCameras", "GET", "401"))).isEqualTo(1);
        assertThat(after.delta(before, requests("listCameras", "GET", "400"))).isEqualTo(1);
        assertThat(after.delta(before, requests("createCamera", "POST", "413"))).isEqualTo(1);
        assertThat(after.delta(before, requests("none", "GET", "404"))).isEqualTo(1);
        assertThat(after.delta(before, requests("none", "other", "405"))).isEqualTo(1);
        assertThat(after.delta(before, "xueliang_http_request_duration_seconds_count{operation=\"listCameras\"}")).isEqualTo(4);
        assertThat(after.delta(before, "xueliang_http_request_duration_seconds_count{operation=\"createCamera\"}")).isEqualTo(1);
        assertThat(after.value("xueliang_http_request_duration_seconds_sum{operation=\"listCameras\"}")).isPositive();
        assertThat(after.text()).doesNotContain(unrouted).doesNotContain("BREW");
    }

    @Test
    void staticFilesAreServedWithoutTokenAndCountedAsStatic() throws Exception {
        Scrape before = scrape();

        HttpResponse<String> page = api.send(HttpRequest.newBuilder(api.uri("/index.html")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>xueliang</h1>");
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/.hidden")).GET()).statusCode()).isEqualTo(404);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/missing.html")).GET()).statusCode()).isEqualTo(404);
        // An operation's path is the contract's, not a file's.
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/cameras")).GET()).statusCode()).isEqualTo(401);

        Scrape after = scrape();
        assertThat(after.delta(before, requests("static", "GET", "200"))).isEqualTo(1);
        assertThat(after.delta(before, requests("none", "GET", "404"))).isEqualTo(2);
        assertThat(after.delta(before, requests("listCameras", "GET", "401"))).isEqualTo(1);
    }

    private static String requests(String operation, String method, String status) {
        return "xueliang_http_requests_total{method=\"" + method + "\",operation=\"" + operation + "\",status=\"" + status + "\"}";
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/metrics"))
                .header("Authorization", "Bearer metrics-secret").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return Scrape.parse(r.body());
    }

    /** Samples of a Prometheus text exposition, keyed {@code name{labels}} as written (labels in name order). */
    private record Scrape(String text, Map<String, Double> samples) {
        static Scrape parse(String text) {
            Map<String, Double> samples = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return new Scrape(text, samples);
        }

        double value(String key) {
            return samples.getOrDefault(key, 0.0);
        }

        double delta(Scrape before, String key) {
            return value(key) - before.value(key);
        }
    }
}
