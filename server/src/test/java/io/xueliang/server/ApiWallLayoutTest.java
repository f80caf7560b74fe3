package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved wall layouts through the whole server. The attacker's tests first: a user never sees, changes or deletes
 * another's layouts, not even one of the same name; a layout cannot name a camera outside the user's regions, and one
 * the user lost sight of since shows as an empty tile; a user deleted and created again under the same name starts
 * with none; sizes, names and counts are bounded. Camera a1 is in township 镇1, b1 in 镇2.
 */
class ApiWallLayoutTest {
    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static String opA;
    private static String opB;

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        opA = user("op.a", List.of("县", "镇1"));
        opB = user("op.b", List.of("县", "镇2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String name, List<String> region) throws Exception {
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", name)
                .put("password", name + "-password-long").put("roles", new JsonArray(List.of("viewer")))
                .put("regions", new JsonArray().add(new JsonArray(region))));
        return api.login(name, name + "-password-long");
    }

    private static String path(String name) {
        return "/api/v1/layouts/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonObject layout(int size, String... cameras) {
        return new JsonObject().put("size", size).put("cameras", new JsonArray(Arrays.asList(cameras)));
    }

    private static JsonArray list(String token) throws Exception {
        return api.expect(200, "GET", "/api/v1/layouts", token, null).getJsonArray("items");
    }

    @Test
    void eachUserKeepsTheirOwnLayoutsAndReplacesThemByName() throws Exception {
        String opA = user("own.a", List.of("县", "镇1"));
        String opB = user("own.b", List.of("县", "镇2"));
        assertThat(api.send("PUT", path("东门 四画面"), opA, layout(4, "a1", null)).statusCode()).isEqualTo(201);
        JsonObject replaced = api.expect(200, "PUT", path("东门 四画面"), opA, layout(9, null, "a1"));
        assertThat(replaced.getJsonArray("cameras").getList()).containsExactly(null, "a1");
        assertThat(api.send("PUT", path("东门 四画面"), opB, layout(1, "b1")).statusCode()).as("the same name, another"
                + " user's").isEqualTo(201);
        JsonArray a = list(opA);
        assertThat(a).hasSize(1);
        assertThat(a.getJsonObject(0).getString("name")).isEqualTo("东门 四画面");
        assertThat(a.getJsonObject(0).getInteger("size")).isEqualTo(9);
        assertThat(a.getJsonObject(0).getJsonArray("cameras").getList()).containsExactly(null, "a1");
        assertThat(list(opB).getJsonObject(0).getJsonArray("cameras").getList()).containsExactly("b1");
        assertThat(list(admin)).as("admins too see only their own").isEmpty();

        assertThat(api.send("DELETE", path("东门 四画面"), admin, null).statusCode()).as("not the admin's").isEqualTo(404);
        assertThat(api.send("DELETE", path("东门 四画面"), opB, null).statusCode()).isEqualTo(204);
        assertThat(list(opA)).as("op.a's is untouched").hasSize(1);
        assertThat(api.send("DELETE", path("东门 四画面"), opB, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aLayoutNamesOnlyCamerasTheUserMaySee() throws Exception {
        HttpResponse<String> r = api.send("PUT", path("across"), opA, layout(4, "a1", "b1"));
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject problem = new JsonObject(r.body());
        problem.remove("requestId"); // a random UUID, which may hold "b1" by chance (one run in about nine)
        assertThat(problem.encode()).doesNotContain("b1");
        assertThat(api.send("PUT", path("ghost"), opA, layout(4, "zz9")).statusCode()).as("no such camera").isEqualTo(404);
        assertThat(list(opA).stream().map(o -> ((JsonObject) o).getString("name")).toList())
                .doesNotContain("across", "ghost");
    }

    @Test
    void aCameraMovedOutOfTheUsersRegionsShowsAsAnEmptyTile() throws Exception {
        api.expect(201, "POST", "/api/v1/cameras", admin, new JsonObject().put("id", "m1").put("region",
                new JsonArray(List.of("县", "镇1"))).put("source", "rtsp://10.0.0.3/m1").put("enabled", false));
        api.expect(201, "PUT", path("moving"), opA, layout(4, "m1", "a1"));
        JsonObject camera = api.expect(200, "GET", "/api/v1/cameras/m1", admin, null);
        api.expect(200, "PUT", "/api/v1/cameras/m1", admin, new JsonObject().put("id", "m1")
                .put("region", new JsonArray(List.of("县", "镇2"))).put("source", "rtsp://10.0.0.3/m1")
                .put("enabled", camera.getBoolean("enabled")));
        JsonObject moving = list(opA).stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals("moving"))
                .findFirst().orElseThrow();
        assertThat(moving.getJsonArray("cameras").getList()).containsExactly(null, "a1");
    }

    @Test
    void sizesNamesAndCountsAreBounded() throws Exception {
        assertThat(field(api.send("PUT", path("x"), opA, layout(5)))).isEqualTo("size");
        assertThat(api.send("PUT", path("x"), opA, layout(1, "a1", "a1")).body()).as("more cameras than tiles")
                .contains("cameras");
        assertThat(api.send("PUT", path("x"), opA, layout(1, "a1", "a1")).statusCode()).isEqualTo(400);
        assertThat(field(api.send("PUT", path("x"), opA, layout(4, "bad id!")))).startsWith("cameras");
        assertThat(field(api.send("PUT", path("x".repeat(65)), opA, layout(4)))).isEqualTo("name");
        assertThat(api.send("PUT", path("tab\there"), opA, layout(4)).statusCode()).isEqualTo(400);
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            extra.add("a1");
        }
        assertThat(api.send("PUT", path("x"), opA, new JsonObject().put("size", 64).put("cameras", new JsonArray(extra)))
                .statusCode()).isEqualTo(400);

        String counted = user("op.count", List.of("县", "镇1"));
        for (int i = 0; i < 100; i++) {
            assertThat(api.send("PUT", path("wall " + i), counted, layout(1, "a1")).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> full = api.send("PUT", path("wall 100"), counted, layout(1, "a1"));
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("at most 100");
        assertThat(api.send("PUT", path("wall 7"), counted, layout(4, "a1")).statusCode()).as("replacing is no new one")
                .isEqualTo(200);
    }

    @Test
    void aUserDeletedAndCreatedAgainUnderTheSameNameStartsWithNone() throws Exception {
        String once = user("op.once", List.of("县", "镇1"));
        api.expect(201, "PUT", path("mine"), once, layout(4, "a1"));
        assertThat(api.send("DELETE", "/api/v1/users/op.once", admin, null).statusCode()).isEqualTo(204);
        String again = user("op.once", List.of("县", "镇1"));
        assertThat(list(again)).isEmpty();
    }

    @Test
    void changesAreAudited() throws Exception {
        api.expect(201, "PUT", path("audited"), opA, layout(4, "a1"));
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "aud")
                .put("password", "aud-password-long").put("roles", new JsonArray(List.of("auditor"))));
        String auditor = api.login("aud", "aud-password-long");
        JsonArray trail = api.expect(200, "GET", "/api/v1/audit?actor=op.a&limit=200", auditor, null)
                .getJsonArray("items");
        assertThat(trail.stream().map(o -> (JsonObject) o).anyMatch(e -> e.getString("action")
                .equals("PUT /api/v1/layouts/{name}") && e.getJsonObject("parameters").getString("name")
                .equals("audited"))).isTrue();
    }

    private static String field(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field");
    }
}
