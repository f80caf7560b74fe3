package io.xueliang.server;

import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the HTTP API, the real router with the store behind it, as {@link ApiRouteFuzzTest} drives it but
 * coverage-guided. Every operation of {@link ApiAccessTest#cases()} but logout (which would end the fuzzer's
 * session), sent by an admin so that the inputs pass the role checks and reach the handlers.
 * <pre>
 *   input = [operation (1)] [flags (1)] [query bytes ...] 0x0A [body bytes ...]
 *   flags: bit 0 replaces the body's content type with text/plain, bit 1 drops the body
 * </pre>
 * No answer is a 5xx, and every 4xx is problem+json (414 and 431 come from the HTTP codec, before the router).
 */
public class ApiRouteFuzzTargetTest {
    private static final List<Map.Entry<String, ApiAccessTest.Case>> OPERATIONS = ApiAccessTest.cases().entrySet().stream()
            .filter(e -> !e.getKey().equals("logout")).toList();
    private static Server server;

    /** One server for the JVM's inputs, started on the first. */
    private record Server(XueliangServer server, HttpClient http, String token, Path root) {
    }

    private static synchronized Server server() throws Exception {
        if (server == null) {
            Path root = Files.createTempDirectory("api-fuzz");
            XueliangServer s = XueliangServer.start(ConfigLoader.parse("""
                    http: { port: 0 }
                    storage: { root: %s }
                    cameraDefaults: { enabled: false }
                    cameras:
                      - { id: a1, region: [县, 镇1], source: "rtsp://10.0.0.1/a1" }
                      - { id: b1, region: [县, 镇2], source: "rtsp://10.0.0.2/b1" }
                    """.formatted(root.resolve("data")), "fuzz.yaml", Map.of()), "127.0.0.1");
            String token = new ApiClient(s.httpPort()).login("admin", s.firstAdmin().orElseThrow().password());
            server = new Server(s, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), token, root);
        }
        return server;
    }

    /** Called by Jazzer once before the inputs, outside their time limit: the start loads and instruments much. */
    public static void fuzzerInitialize() throws Exception {
        server();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        if (data.length < 2) {
            return;
        }
        Server s = server();
        ApiAccessTest.Case c = OPERATIONS.get((data[0] & 0xff) % OPERATIONS.size()).getValue();
        int newline = 2;
        while (newline < data.length && data[newline] != '\n') {
            newline++;
        }
        String query = encode(data, 2, newline);
        String path = query.isEmpty() ? c.path() : c.path() + (c.path().contains("?") ? "&" : "?") + query;
        byte[] body = newline < data.length ? java.util.Arrays.copyOfRange(data, newline + 1, data.length) : new byte[0];
        boolean sendBody = c.body() != null && (data[1] & 2) == 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server().httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), sendBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + s.token());
        if (sendBody) {
            request.header("Content-Type", (data[1] & 1) == 1 ? "text/plain" : c.contentType());
        }
        HttpResponse<String> r = s.http().send(request.build(), ApiClient.bodyUnlessEventStream());
        boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (r.statusCode() >= 500 || r.statusCode() >= 400 && !problem && r.statusCode() != 414 && r.statusCode() != 431) {
            throw new AssertionError(r.statusCode() + " for " + c.method() + " " + path + " body "
                    + new String(body, StandardCharsets.ISO_8859_1) + ": " + r.body());
        }
    }

    /** The bytes as a query string: '=', '&' and safe characters as they are, everything else percent-encoded. */
    private static String encode(byte[] data, int from, int to) {
        StringBuilder q = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "=&-._~%".indexOf(b) >= 0) {
                q.append((char) b);
            } else {
                q.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        // A '%' not followed by two hex digits is not a URI: the JDK client refuses it before sending.
        return q.toString().replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
    }

    @Test
    void fuzzesTheApiRoutes() throws Exception {
        try {
            // The target talks to its own server over loopback and the store runs SQL: Jazzer's request-forgery and
            // SQL-injection detectors would take both for attacks.
            FuzzCampaign.of(ApiRouteFuzzTargetTest.class).seeds(seeds()).regressionSeeds().maxLength(4096)
                    .jazzerOption("--disabled_hooks=com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery"
                            + ":com.code_intelligence.jazzer.sanitizers.SqlInjection")
                    .run();
        } finally {
            synchronized (ApiRouteFuzzTargetTest.class) {
                if (server != null) {
                    server.server().close();
                    server = null;
                }
            }
        }
    }

    /** Each operation's valid request of the access table, with its query parameters and body. */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            ApiAccessTest.Case c = OPERATIONS.get(i).getValue();
            byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
            byte[] seed = new byte[3 + body.length];
            seed[0] = (byte) i;
            seed[2] = '\n';
            System.arraycopy(body, 0, seed, 3, body.length);
            seeds.add(seed);
        }
        return seeds;
    }
}
