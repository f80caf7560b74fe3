package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the real routes of the server, with the store behind them, starting from each operation's valid request in
 * {@link ApiAccessTest#cases()}: mutated bodies, query strings and path parameters, sent by an admin (who passes every
 * role check, so the mutations reach the handlers). No answer is a 500, and every error is problem+json. Failures
 * print the seed and the request. (Malformed escapes and raw bytes, which the JDK client will not send, are the
 * api module's socket-level ApiFuzzTest.)
 */
class ApiRouteFuzzTest {
    private static final long SEED = 20261130L;
    private static final int REQUESTS_PER_OPERATION = 60;

    @TempDir
    Path tmp;

    private static final Object[] ODD_VALUES = {null, -1, 0, 1e308, -1e308, "", "x".repeat(5000), new JsonArray(),
            new JsonObject(), true, "\u0000", "%00", "../../etc/passwd", "rtsp://", "rtsp://[::1", "湘潭县", 9007199254740993L,
            new JsonArray().add(new JsonArray().add(new JsonArray())), "2026-13-45T99:00:00Z", " ", "\uD800"};
    private static final String[] QUERY_KEYS = {"limit", "cursor", "region", "role", "status", "from", "to", "actor",
            "action", "caseReference", "extra"};
    private static final String[] QUERY_VALUES = {"", "0", "-1", "1000", "99999999999999999999", "abc", "%00",
            "%E6%B9%98%2F%E9%95%87", "a/b", "2026-11-22T08:00:00Z", "null", "[1]", "playing", "plates", "GET%20/x", "~"};

    @Test
    void mutatedRequestsToEveryRealRouteNeverGetA500() throws Exception {
        String yaml = """
                http: { port: 0, tokenRequestsPerSecond: 100000, tokenRequestBurst: 1000000 }  # the fuzzer, not the rate limit
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                  - { id: a1, region: [县, 镇1], source: "rtsp://10.0.0.1/a1" }
                  - { id: b1, region: [县, 镇2], source: "rtsp://10.0.0.2/b1" }
                """.formatted(tmp.resolve("data"));
        try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
            ApiClient api = new ApiClient(server.httpPort());
            String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
            Random random = new Random(SEED);
            List<String> failures = new ArrayList<>();
            int[] byClass = new int[6];
            for (var e : ApiAccessTest.cases().entrySet()) {
                ApiAccessTest.Case c = e.getValue();
                for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                    String path = mutatePath(random, c.path());
                    String body = c.body() == null ? null : mutateBody(random, c.body(), c.contentType());
                    String type = c.body() == null ? null : random.nextInt(10) == 0 ? "text/plain" : c.contentType();
                    HttpResponse<String> r = api.send(c.method(), path, e.getKey().equals("login") ? null : admin, type, body);
                    byClass[r.statusCode() / 100]++;
                    boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                    if (r.statusCode() >= 500 || (r.statusCode() >= 400 && !problem && r.statusCode() != 414 && r.statusCode() != 431)) {
                        failures.add(e.getKey() + ": " + r.statusCode() + " for " + c.method() + " " + path + " body "
                                + (body == null ? "-" : body.length() > 300 ? body.substring(0, 300) + "…" : body));
                    }
                }
            }
            System.out.printf("route fuzz seed %d: 2xx %d, 4xx %d, 5xx %d%n", SEED, byClass[2], byClass[4], byClass[5]);
            assertThat(byClass[2]).as("some mutations stay valid, or the fuzzer tests little").isPositive();
            assertThat(failures).as("seed " + SEED).isEmpty();
        }
    }

    private static String mutatePath(Random r, String path) {
        StringBuilder p = new StringBuilder(path);
        if (r.nextInt(4) == 0) {
            String[] parts = path.split("/");
            int i = 1 + r.nextInt(parts.length - 1);
            parts[i] = switch (r.nextInt(5)) {
                case 0 -> "%2e%2e";
                case 1 -> "x".repeat(1 + r.nextInt(100));
                case 2 -> "%E6%B9%98";
                case 3 -> "-1";
                default -> parts[i] + "%20";
            };
            p = new StringBuilder(String.join("/", parts));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            p.append(p.indexOf("?") < 0 ? '?' : '&').append(QUERY_KEYS[r.nextInt(QUERY_KEYS.length)]).append('=')
                    .append(QUERY_VALUES[r.nextInt(QUERY_VALUES.length)]);
        }
        return p.toString();
    }

    private static String mutateBody(Random r, String body, String contentType) {
        switch (r.nextInt(6)) {
            case 0:
                return body.substring(0, r.nextInt(body.length() + 1));
            case 1: {
                char[] chars = body.toCharArray();
                String odd = "{}[]\",:\\\n\u0000é";
                chars[r.nextInt(chars.length)] = odd.charAt(r.nextInt(odd.length()));
                return new String(chars);
            }
            default:
                break;
        }
        if (!contentType.equals("application/json")) {
            List<String> lines = new ArrayList<>(List.of(body.split("\n")));
            String cell = String.valueOf(ODD_VALUES[r.nextInt(ODD_VALUES.length)]);
            int line = r.nextInt(lines.size());
            lines.set(line, lines.get(line) + (r.nextBoolean() ? "," : "") + cell.replace("\"", "\"\""));
            if (r.nextBoolean()) {
                lines.add(lines.get(lines.size() - 1));
            }
            return String.join(r.nextBoolean() ? "\n" : "\r\n", lines);
        }
        JsonObject json = new JsonObject(body);
        List<String> keys = new ArrayList<>(json.fieldNames());
        String key = keys.isEmpty() || r.nextInt(5) == 0 ? "k" + r.nextInt(3) : keys.get(r.nextInt(keys.size()));
        if (r.nextInt(6) == 0) {
            json.remove(key);
        } else {
            json.put(key, ODD_VALUES[r.nextInt(ODD_VALUES.length)]);
        }
        return json.encode();
    }
}
