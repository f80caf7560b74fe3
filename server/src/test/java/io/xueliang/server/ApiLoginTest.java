package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in to the running server: tokens, refusal without them, logout, throttling. */
class ApiLoginTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private HttpResponse<String> send(int port, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    private XueliangServer start() throws Exception {
        return XueliangServer.start(ConfigLoader.parse("http: { port: 0 }\nstorage: { root: " + tmp.resolve("data") + " }\n",
                "test.yaml", Map.of()), "127.0.0.1");
    }

    @Test
    void theFirstAdminLogsInAndOnlyTokensOpenTheApi() throws Exception {
        try (XueliangServer server = start()) {
            int port = server.httpPort();
            var admin = server.firstAdmin().orElseThrow();
            assertThat(admin.generated()).isTrue();

            HttpResponse<String> refused = send(port, "GET", "/readyz", null, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(send(port, "GET", "/api/v1/cameras", "xls_not-a-real-token", null).statusCode()).isEqualTo(401);
            assertThat(send(port, "GET", "/healthz", null, null).statusCode()).isEqualTo(200);

            assertThat(send(port, "POST", "/api/v1/auth/login", null, login("nobody", "wrong-password-1")).statusCode())
                    .isEqualTo(401);
            assertThat(send(port, "POST", "/api/v1/auth/login", null, "{\"username\":\"admin\"}").statusCode())
                    .as("the contract names the missing field").isEqualTo(400);

            HttpResponse<String> ok = send(port, "POST", "/api/v1/auth/login", null, login("admin", admin.password()));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            String token = new io.vertx.core.json.JsonObject(ok.body()).getString("token");
            assertThat(token).startsWith("xls_");

            HttpResponse<String> ready = send(port, "GET", "/readyz", token, null);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

            assertThat(send(port, "DELETE", "/api/v1/auth/session", token, null).statusCode()).isEqualTo(204);
            assertThat(send(port, "GET", "/readyz", token, null).statusCode()).as("a revoked token opens nothing").isEqualTo(401);
        }
    }

    @Test
    void aFailedLoginMakesThatUserWaitFromThatAddressWithoutLockingOutOthers() throws Exception {
        try (XueliangServer server = start()) {
            int port = server.httpPort();
            server.users().create(User.of("li.wei", Set.of(Role.INVESTIGATOR), List.of(), Instant.now()),
                    "another-long-password").get(30, TimeUnit.SECONDS);
            assertThat(send(port, "POST", "/api/v1/auth/login", null, login("admin", "guess-number-1")).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> throttled = send(port, "POST", "/api/v1/auth/login", null,
                    login("admin", server.firstAdmin().orElseThrow().password()));
            assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(send(port, "POST", "/api/v1/auth/login", null, login("li.wei", "another-long-password")).statusCode())
                    .as("another user from the same address still gets in").isEqualTo(200);
        }
    }

    @Test
    void parallelGuessesFromOneAddressGetOnePasswordChecked() throws Exception {
        try (XueliangServer server = start()) {
            int port = server.httpPort();
            String right = server.firstAdmin().orElseThrow().password();
            int parallel = 150;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String password = i == parallel / 2 ? right : "guess-number-" + i;
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login("admin",
                                password))).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            for (var a : answers) {
                statuses.merge(a.get(60, TimeUnit.SECONDS).statusCode(), 1L, Long::sum);
            }
            long checked = statuses.getOrDefault(200, 0L) + statuses.getOrDefault(401, 0L);
            assertThat(checked).as("passwords checked of %d sent at once: %s", parallel, statuses).isBetween(1L, 5L);
            assertThat(statuses.getOrDefault(429, 0L)).isEqualTo(parallel - checked);
        }
    }

    @Test
    void aBotnetGetsAHandfulOfGuessesWhileTheUserLogsInFromTheirUsualAddressAndEveryFailureIsAudited() throws Exception {
        try (XueliangServer server = XueliangServer.start(ConfigLoader.parse("http: { port: 0, trustedProxies: [127.0.0.1] }\n"
                + "storage: { root: " + tmp.resolve("data") + " }\n", "test.yaml", Map.of()), "127.0.0.1")) {
            int port = server.httpPort();
            String right = server.firstAdmin().orElseThrow().password();
            server.users().create(User.of("audit.li", Set.of(Role.AUDITOR), List.of(), Instant.now()),
                    "auditor-long-password").get(30, TimeUnit.SECONDS);
            assertThat(sendFrom(port, "192.168.7.7", login("admin", right)).statusCode()).isEqualTo(200);

            Map<Integer, Long> statuses = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                // A forged X-Forwarded-For on the left is the client's own writing and must not count as its address.
                statuses.merge(sendFrom(port, "6.6.6.6, 203.0.113." + i, login("admin", "guess-number-" + i)).statusCode(),
                        1L, Long::sum);
            }
            assertThat(statuses).as("60 addresses, one guess each").containsOnlyKeys(401, 429).containsEntry(401, 5L);
            assertThat(sendFrom(port, "192.168.7.7", login("admin", right)).statusCode())
                    .as("the admin still logs in from their usual address").isEqualTo(200);

            String auditor = new io.vertx.core.json.JsonObject(sendFrom(port, "192.168.7.8", login("audit.li",
                    "auditor-long-password")).body()).getString("token");
            HttpResponse<String> trail = send(port, "GET", "/api/v1/audit?action=POST%20/api/v1/auth/login&limit=500",
                    auditor, null);
            assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
            List<io.vertx.core.json.JsonObject> records = new io.vertx.core.json.JsonArray(
                    new io.vertx.core.json.JsonObject(trail.body()).getJsonArray("items").encode()).stream()
                    .map(o -> (io.vertx.core.json.JsonObject) o).toList();
            List<String> failedFrom = records.stream().filter(r -> r.getInteger("status") == 401)
                    .filter(r -> r.getString("actor").equals("admin")).map(r -> r.getString("remote")).toList();
            assertThat(failedFrom).hasSize(5).allSatisfy(a -> assertThat(a).startsWith("203.0.113."));
            assertThat(records.stream().filter(r -> r.getInteger("status") == 429).count())
                    .as("each refused pair once").isEqualTo(55);
            assertThat(records.stream().filter(r -> r.getInteger("status") == 200 && r.getString("remote")
                    .equals("192.168.7.7")).count()).isEqualTo(2);
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        try (XueliangServer server = start()) {
            int port = server.httpPort();
            assertThat(sendFrom(port, "203.0.113.1", login("admin", "guess-number-1")).statusCode()).isEqualTo(401);
            assertThat(sendFrom(port, "203.0.113.2", login("admin", "guess-number-2")).statusCode())
                    .as("the same peer, whatever it claims").isEqualTo(429);
        }
    }

    private HttpResponse<String> sendFrom(int port, String forwardedFor, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
