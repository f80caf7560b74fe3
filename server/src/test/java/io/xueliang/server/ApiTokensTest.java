package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens for integrations: created from a session, limited to roles, listed without secrets, revoked by owner. */
class ApiTokensTest {
    @TempDir
    Path tmp;

    @Test
    void anIntegrationTokenActsWithItsLimitedRolesUntilRevoked() throws Exception {
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                  - { id: a1, region: [湘潭县], source: "rtsp://10.0.0.1/a1" }
                """.formatted(tmp.resolve("data"));
        try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
            ApiClient api = new ApiClient(server.httpPort());
            String admin = api.login("admin", server.firstAdmin().orElseThrow().password());

            // An administrator who is also an auditor hands a reporting job a token that can only audit.
            api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "chen")
                    .put("password", "chen-password-12").put("roles", new JsonArray(List.of("admin", "auditor"))));
            String chen = api.login("chen", "chen-password-12");
            JsonObject wall = api.expect(201, "POST", "/api/v1/tokens", chen,
                    new JsonObject().put("name", "audit-report").put("roles", new JsonArray(List.of("auditor"))));
            assertThat(wall.getString("token")).startsWith("xla_");
            assertThat(wall.getJsonArray("roles")).containsExactly("auditor");
            assertThat(wall.getValue("expiresAt")).isNull();
            String token = wall.getString("token");

            // Limited to auditor: reads the audit trail, may not administer users although chen may.
            api.expect(200, "GET", "/api/v1/audit", token, null);
            api.expect(200, "GET", "/api/v1/users", chen, null);
            api.expect(403, "GET", "/api/v1/users", token, null);
            // An API token cannot mint more tokens.
            api.expect(403, "POST", "/api/v1/tokens", token, new JsonObject().put("name", "more"));
            // Roles beyond the user's own are refused, naming the field.
            api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "li.wei")
                    .put("password", "li-wei-password-1").put("roles", new JsonArray(List.of("viewer"))));
            String viewer = api.login("li.wei", "li-wei-password-1");
            JsonObject bad = api.expect(400, "POST", "/api/v1/tokens", viewer,
                    new JsonObject().put("name", "x").put("roles", new JsonArray(List.of("admin"))));
            assertThat(bad.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("roles");
            JsonObject past = api.expect(400, "POST", "/api/v1/tokens", viewer,
                    new JsonObject().put("name", "x").put("expiresAt", "2020-01-01T00:00:00Z"));
            assertThat(past.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("expiresAt");

            JsonObject listed = api.expect(200, "GET", "/api/v1/tokens", chen, null);
            assertThat(listed.getJsonArray("items")).hasSize(1);
            assertThat(listed.encode()).doesNotContain(token);
            assertThat(listed.getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("audit-report");
            assertThat(api.expect(200, "GET", "/api/v1/tokens", viewer, null).getJsonArray("items")).isEmpty();

            long id = wall.getLong("id");
            api.expect(404, "DELETE", "/api/v1/tokens/" + id, viewer, null); // not theirs: as if absent
            api.expect(404, "DELETE", "/api/v1/tokens/" + id, admin, null);
            api.expect(200, "GET", "/api/v1/cameras", token, null);
            api.expect(204, "DELETE", "/api/v1/tokens/" + id, chen, null);
            api.expect(401, "GET", "/api/v1/cameras", token, null);
            api.expect(404, "DELETE", "/api/v1/tokens/" + id, chen, null);

            JsonObject trail = api.expect(200, "GET", "/api/v1/audit?actor=chen&limit=100", chen, null);
            assertThat(trail.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")).toList())
                    .contains("POST /api/v1/tokens", "DELETE /api/v1/tokens/{tokenId}");
        }
    }
}
