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
import java.util.List;
import java.util.Map;
import java.util.Set;
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

            assertThat(send(port, "POST", "/api/v1/auth/login", null, login("admin", "wrong-password-1")).statusCode())
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
    void failedLoginsAreThrottledForThatUserWithoutLockingOutOthers() throws Exception {
        try (XueliangServer server = start()) {
            int port = server.httpPort();
            server.users().create(User.of("li.wei", Set.of(Role.INVESTIGATOR), List.of(), Instant.now()),
                    "another-long-password").get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                assertThat(send(port, "POST", "/api/v1/auth/login", null, login("admin", "guess-number-" + i)).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> throttled = send(port, "POST", "/api/v1/auth/login", null,
                    login("admin", server.firstAdmin().orElseThrow().password()));
            assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(send(port, "POST", "/api/v1/auth/login", null, login("li.wei", "another-long-password")).statusCode())
                    .as("another user from the same address still gets in").isEqualTo(200);
        }
    }
}
