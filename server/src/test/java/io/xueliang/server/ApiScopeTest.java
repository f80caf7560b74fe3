package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker's tests of who may act where: an admin or auditor limited to a region, and evidence exports that must
 * follow the account and its current rights, not a user name. Township 镇1 is region A, 镇2 region B.
 */
class ApiScopeTest {
    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static String adminA;

    private static final JsonArray REGION_A = new JsonArray().add(new JsonArray(List.of("县", "镇1")));
    private static final JsonArray REGION_B = new JsonArray().add(new JsonArray(List.of("县", "镇2")));

    @BeforeAll
    static void start() throws Exception {
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                  - { id: a1, region: [县, 镇1], source: "rtsp://10.0.0.1/a1" }
                  - { id: b1, region: [县, 镇2], source: "rtsp://10.0.0.2/b1" }
                """.formatted(tmp.resolve("data"));
        server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        createUser(admin, "admin.a", "admin", REGION_A);
        adminA = api.login("admin.a", "admin.a-password-long");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject user(String name, String role, JsonArray regions) {
        JsonObject u = new JsonObject().put("username", name).put("password", name + "-password-long")
                .put("roles", new JsonArray(List.of(role)));
        return regions == null ? u : u.put("regions", regions);
    }

    private static void createUser(String token, String name, String role, JsonArray regions) throws Exception {
        api.expect(201, "POST", "/api/v1/users", token, user(name, role, regions));
    }

    private static JsonObject exportOf(String camera) {
        return new JsonObject().put("cameras", new JsonArray(List.of(camera))).put("from", "2026-11-30T00:00:00Z")
                .put("to", "2026-11-30T00:10:00Z").put("caseReference", "case-7").put("reason", "scope test");
    }

    private static JsonObject camera(String id, JsonArray region) {
        return new JsonObject().put("id", id).put("region", region.getJsonArray(0)).put("source", "rtsp://10.0.0.9/" + id)
                .put("enabled", false);
    }

    @Test
    void aRegionAdminCannotReleaseHoldsOrReadExportsOfAnotherRegion() throws Exception {
        JsonObject holdB = api.expect(201, "POST", "/api/v1/holds", admin, new JsonObject().put("camera", "b1")
                .put("from", "2026-11-30T00:00:00Z").put("to", "2026-11-30T01:00:00Z").put("caseReference", "case-b"));
        JsonObject holdA = api.expect(201, "POST", "/api/v1/holds", admin, new JsonObject().put("camera", "a1")
                .put("from", "2026-11-30T00:00:00Z").put("to", "2026-11-30T01:00:00Z").put("caseReference", "case-a"));
        api.expect(404, "DELETE", "/api/v1/holds/" + holdB.getLong("id"), adminA, null);
        assertThat(api.expect(200, "GET", "/api/v1/holds", adminA, null).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("camera")).toList()).containsOnly("a1");
        api.expect(204, "DELETE", "/api/v1/holds/" + holdA.getLong("id"), adminA, null);

        String exportB = api.expect(202, "POST", "/api/v1/exports", admin, exportOf("b1")).getString("id");
        String exportA = api.expect(202, "POST", "/api/v1/exports", admin, exportOf("a1")).getString("id");
        api.expect(404, "GET", "/api/v1/exports/" + exportB, adminA, null);
        api.expect(404, "GET", "/api/v1/exports/" + exportB + "/download", adminA, null);
        api.expect(200, "GET", "/api/v1/exports/" + exportA, adminA, null);
        api.expect(404, "POST", "/api/v1/exports", adminA, exportOf("b1"));
    }

    @Test
    void aRegionAdminManagesCamerasOnlyInTheirRegionAndCannotMoveOneOut() throws Exception {
        api.expect(201, "POST", "/api/v1/cameras", adminA, camera("scopeA1", REGION_A));
        api.expect(403, "POST", "/api/v1/cameras", adminA, camera("scopeA2", REGION_B));
        api.expect(403, "PUT", "/api/v1/cameras/scopeA1", adminA, camera("scopeA1", REGION_B));
        api.expect(201, "POST", "/api/v1/cameras", admin, camera("scopeB1", REGION_B));
        api.expect(404, "PUT", "/api/v1/cameras/scopeB1", adminA, camera("scopeB1", REGION_A));
        api.expect(404, "DELETE", "/api/v1/cameras/scopeB1", adminA, null);
        assertThat(api.expect(200, "GET", "/api/v1/cameras/scopeB1", admin, null).getJsonArray("region").getString(1))
                .as("still in B").isEqualTo("镇2");

        var imported = api.send("POST", "/api/v1/cameras:import", adminA, "text/csv",
                "id,region,source\nscopeA3,县/镇1,rtsp://10.0.0.9/x\nscopeA4,县/镇2,rtsp://10.0.0.9/y\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(400);
        assertThat(imported.body()).contains("line 3: region");
        api.expect(404, "GET", "/api/v1/cameras/scopeA3", admin, null);
        api.expect(204, "DELETE", "/api/v1/cameras/scopeA1", adminA, null);
    }

    @Test
    void aRegionAdminCannotCreateAnUnrestrictedUserNorTouchUsersOutsideTheirRegion() throws Exception {
        api.expect(403, "POST", "/api/v1/users", adminA, user("root2", "admin", null));
        api.expect(403, "POST", "/api/v1/users", adminA, user("county2", "admin",
                new JsonArray().add(new JsonArray(List.of("县")))));
        api.expect(403, "POST", "/api/v1/users", adminA, user("inv.b", "investigator", REGION_B));
        api.expect(403, "POST", "/api/v1/users", adminA, user("auditor.x", "auditor", null));
        createUser(adminA, "village.a", "investigator", new JsonArray().add(new JsonArray(List.of("县", "镇1", "村3"))));
        createUser(admin, "inv.b2", "investigator", REGION_B);

        List<String> seen = api.expect(200, "GET", "/api/v1/users", adminA, null).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("username")).toList();
        assertThat(seen).contains("village.a", "admin.a").doesNotContain("admin", "inv.b2");
        api.expect(404, "GET", "/api/v1/users/admin", adminA, null);
        api.expect(404, "DELETE", "/api/v1/users/admin", adminA, null);
        api.expect(404, "PUT", "/api/v1/users/inv.b2", adminA, new JsonObject().put("username", "inv.b2")
                .put("roles", new JsonArray(List.of("investigator"))).put("regions", REGION_A));
        api.expect(403, "PUT", "/api/v1/users/village.a", adminA, new JsonObject().put("username", "village.a")
                .put("roles", new JsonArray(List.of("admin"))));
        api.expect(403, "GET", "/metrics", adminA, null);
    }

    @Test
    void auditorsHaveNoRegionsAndARegionLimitedAuditorReadsNoTrail() throws Exception {
        JsonObject refused = api.expect(400, "POST", "/api/v1/users", admin, user("auditor.a", "auditor", REGION_A));
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("regions");
        // One left from before this rule (made in the store directly) reads nothing.
        server.users().create(User.of("old.auditor", Set.of(Role.AUDITOR), List.of(List.of("县", "镇1")), Instant.now()),
                "old.auditor-password-long").get(30, TimeUnit.SECONDS);
        String oldAuditor = api.login("old.auditor", "old.auditor-password-long");
        api.expect(403, "GET", "/api/v1/audit", oldAuditor, null);
    }

    @Test
    void anEmptyRegionListIsRefusedNotTakenAsEverywhere() throws Exception {
        JsonObject refused = api.expect(400, "POST", "/api/v1/users", admin, user("empty.r", "viewer", new JsonArray()));
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("regions");
        api.expect(404, "GET", "/api/v1/users/empty.r", admin, null);
    }

    @Test
    void anExportFollowsTheAccountAndItsCurrentRightsNotTheName() throws Exception {
        api.expect(201, "POST", "/api/v1/users", admin, user("inv.x", "investigator", REGION_A)
                .put("roles", new JsonArray(List.of("investigator", "viewer"))));
        String session = api.login("inv.x", "inv.x-password-long");
        String exportId = api.expect(202, "POST", "/api/v1/exports", session, exportOf("a1")).getString("id");
        api.expect(200, "GET", "/api/v1/exports/" + exportId, session, null);
        api.send("GET", "/api/v1/exports/" + exportId + "/download", session, null, null);

        // An API token limited to the viewer role.
        String viewerToken = api.expect(201, "POST", "/api/v1/tokens", session, new JsonObject().put("name", "wall")
                .put("roles", new JsonArray(List.of("viewer")))).getString("token");
        api.expect(404, "GET", "/api/v1/exports/" + exportId, viewerToken, null);
        api.expect(404, "GET", "/api/v1/exports/" + exportId + "/download", viewerToken, null);

        // Moved to another region: the export's camera is no longer theirs.
        api.expect(200, "PUT", "/api/v1/users/inv.x", admin, new JsonObject().put("username", "inv.x")
                .put("roles", new JsonArray(List.of("investigator"))).put("regions", REGION_B));
        api.expect(404, "GET", "/api/v1/exports/" + exportId, session, null);

        // Demoted.
        api.expect(200, "PUT", "/api/v1/users/inv.x", admin, new JsonObject().put("username", "inv.x")
                .put("roles", new JsonArray(List.of("viewer"))).put("regions", REGION_A));
        api.expect(404, "GET", "/api/v1/exports/" + exportId, session, null);
        api.expect(404, "GET", "/api/v1/exports/" + exportId + "/download", session, null);

        // Deleted and created again under the same name, with the same rights: another account.
        api.expect(204, "DELETE", "/api/v1/users/inv.x", admin, null);
        createUser(admin, "inv.x", "investigator", REGION_A);
        String again = api.login("inv.x", "inv.x-password-long");
        api.expect(404, "GET", "/api/v1/exports/" + exportId, again, null);
        api.expect(404, "GET", "/api/v1/exports/" + exportId + "/download", again, null);

        api.expect(200, "GET", "/api/v1/exports/" + exportId, admin, null);
        api.expect(200, "GET", "/api/v1/exports/" + exportId, adminA, null);
    }

    @Test
    void usersChangeTheirOwnPasswordGivingTheCurrentOneAndOtherSessionsEnd() throws Exception {
        createUser(admin, "zhao", "viewer", REGION_A);
        String first = api.login("zhao", "zhao-password-long");
        String second = api.login("zhao", "zhao-password-long");
        JsonObject common = api.expect(400, "PUT", "/api/v1/users/zhao/password", first, new JsonObject()
                .put("currentPassword", "zhao-password-long").put("newPassword", "Password1234"));
        assertThat(common.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("newPassword");
        api.expect(204, "PUT", "/api/v1/users/zhao/password", first, new JsonObject()
                .put("currentPassword", "zhao-password-long").put("newPassword", "tea-garden-at-dawn"));
        api.expect(200, "GET", "/api/v1/users/zhao", first, null);
        api.expect(401, "GET", "/api/v1/users/zhao", second, null);
        String third = api.login("zhao", "tea-garden-at-dawn");

        api.expect(403, "PUT", "/api/v1/users/zhao/password", third, new JsonObject()
                .put("currentPassword", "not-my-password").put("newPassword", "tea-garden-at-noon"));
        api.expect(429, "PUT", "/api/v1/users/zhao/password", third, new JsonObject()
                .put("currentPassword", "tea-garden-at-dawn").put("newPassword", "tea-garden-at-noon"));
        api.expect(403, "PUT", "/api/v1/users/admin/password", third, new JsonObject()
                .put("currentPassword", "x").put("newPassword", "tea-garden-at-noon"));
    }

    @Test
    void weakPasswordsAreRefusedWithTheRule() throws Exception {
        for (String weak : List.of("aaaaaaaaaaaa", "weakling.one", "123456789012", "Dragon123456")) {
            JsonObject refused = api.expect(400, "POST", "/api/v1/users", admin, new JsonObject()
                    .put("username", "weakling.one").put("password", weak).put("roles", new JsonArray(List.of("viewer"))));
            assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).as(weak).isEqualTo("password");
        }
    }
}
