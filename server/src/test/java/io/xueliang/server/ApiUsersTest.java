package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users administration and the region tree, as an admin and as the users themselves. */
class ApiUsersTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private HttpResponse<String> send(int port, String method, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(int port, String user, String password) throws Exception {
        HttpResponse<String> r = send(port, "POST", "/api/v1/auth/login", null,
                new JsonObject().put("username", user).put("password", password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private static JsonObject user(String name, String password, String role, List<String> region) {
        JsonObject u = new JsonObject().put("username", name).put("roles", new JsonArray(List.of(role)));
        if (password != null) {
            u.put("password", password);
        }
        if (region != null) {
            u.put("regions", new JsonArray().add(new JsonArray(region)));
        }
        return u;
    }

    @Test
    void adminsManageUsersAndUsersSeeOnlyThemselvesAndTheirRegions() throws Exception {
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                  - { id: a1, region: [湘潭县, 易俗河镇], source: "rtsp://10.0.0.1/a1" }
                  - { id: b1, region: [湘潭县, 花石镇], source: "rtsp://10.0.0.2/b1" }
                  - { id: c1, region: [韶山市], source: "rtsp://10.0.0.3/c1" }
                """.formatted(tmp.resolve("data"));
        try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
            int port = server.httpPort();
            String admin = login(port, "admin", server.firstAdmin().orElseThrow().password());

            HttpResponse<String> created = send(port, "POST", "/api/v1/users", admin,
                    user("wang.fang", "a-long-enough-secret", "viewer", List.of("湘潭县", "易俗河镇")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain("a-long-enough-secret");
            assertThat(new JsonObject(created.body()).getJsonArray("regions"))
                    .isEqualTo(new JsonArray().add(new JsonArray(List.of("湘潭县", "易俗河镇"))));
            assertThat(send(port, "POST", "/api/v1/users", admin, user("wang.fang", "a-long-enough-secret", "viewer", null))
                    .statusCode()).isEqualTo(409);
            HttpResponse<String> weak = send(port, "POST", "/api/v1/users", admin, user("x.y", "short", "viewer", null));
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(weak.body()).contains("\"field\":\"password\"");

            String viewer = login(port, "wang.fang", "a-long-enough-secret");
            assertThat(send(port, "GET", "/api/v1/users/wang.fang", viewer, null).statusCode()).isEqualTo(200);
            assertThat(send(port, "GET", "/api/v1/users/admin", viewer, null).statusCode()).isEqualTo(403);
            assertThat(send(port, "GET", "/api/v1/users", viewer, null).statusCode()).isEqualTo(403);

            JsonObject tree = new JsonObject(send(port, "GET", "/api/v1/regions", viewer, null).body());
            assertThat(tree.encode()).contains("易俗河镇").contains("a1").doesNotContain("花石镇").doesNotContain("韶山市");
            JsonObject full = new JsonObject(send(port, "GET", "/api/v1/regions", admin, null).body());
            assertThat(full.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")).toList())
                    .containsExactly("湘潭县", "韶山市");

            JsonObject page = new JsonObject(send(port, "GET", "/api/v1/users?limit=1", admin, null).body());
            assertThat(page.getJsonArray("items")).hasSize(1);
            JsonObject rest = new JsonObject(send(port, "GET", "/api/v1/users?limit=10&cursor=" + page.getString("next"),
                    admin, null).body());
            assertThat(rest.getJsonArray("items")).hasSize(1);

            HttpResponse<String> newPassword = send(port, "PUT", "/api/v1/users/wang.fang", admin,
                    user("wang.fang", "another-long-secret", "investigator", null));
            assertThat(newPassword.statusCode()).as(newPassword.body()).isEqualTo(200);
            assertThat(send(port, "GET", "/api/v1/users/wang.fang", viewer, null).statusCode())
                    .as("a new password ends the old sessions").isEqualTo(401);
            String investigator = login(port, "wang.fang", "another-long-secret");
            assertThat(new JsonObject(send(port, "GET", "/api/v1/users/wang.fang", investigator, null).body())
                    .getJsonArray("roles")).isEqualTo(new JsonArray(List.of("investigator")));

            assertThat(send(port, "PUT", "/api/v1/users/admin", admin, user("admin", null, "viewer", null)).statusCode())
                    .as("the last admin keeps the role").isEqualTo(409);
            assertThat(send(port, "DELETE", "/api/v1/users/admin", admin, null).statusCode()).isEqualTo(409);
            assertThat(send(port, "DELETE", "/api/v1/users/wang.fang", admin, null).statusCode()).isEqualTo(204);
            assertThat(send(port, "GET", "/api/v1/users/wang.fang", investigator, null).statusCode())
                    .as("a removed user's tokens are revoked").isEqualTo(401);
            assertThat(send(port, "GET", "/api/v1/users/wang.fang", admin, null).statusCode()).isEqualTo(404);
        }
    }
}
