package io.xueliang.server;

import static io.xueliang.media.PlateRead.Direction.APPROACHING;
import static io.xueliang.media.PlateRead.Direction.RECEDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.reads.store.TestReads;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundary ring through the API: the county's ring has checkpoint a1 (township 镇1) and b1 (镇2). Who may mark it,
 * who may ask who entered, left or is still inside, and what a township's investigator sees of it.
 */
class ApiRingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String COUNTY = URLEncoder.encode("县", StandardCharsets.UTF_8);
    private static final String WINDOW = "&from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";

    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static String adminA;
    private static String investigator;
    private static String investigatorA;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        JsonArray regionA = new JsonArray().add(new JsonArray(List.of("县", "镇1")));
        user("admin.a", "admin", regionA);
        user("inv.county", "investigator", null);
        user("inv.a", "investigator", regionA);
        user("viewer.x", "viewer", null);
        adminA = api.login("admin.a", "admin.a-password-long");
        investigator = api.login("inv.county", "inv.county-password-long");
        investigatorA = api.login("inv.a", "inv.a-password-long");
        viewer = api.login("viewer.x", "viewer.x-password-long");
        api.expect(200, "PUT", "/api/v1/ring/checkpoints/a1", admin, checkpoint(List.of("县")));
        api.expect(200, "PUT", "/api/v1/ring/checkpoints/b1", admin, checkpoint(List.of("县")));
        server.readStore().insert(List.of(
                TestReads.read(UUID.randomUUID(), "a1", T0.plusSeconds(3600), "湘A00001", APPROACHING),
                TestReads.read(UUID.randomUUID(), "a1", T0.plusSeconds(7200), "湘A00002", APPROACHING),
                TestReads.read(UUID.randomUUID(), "b1", T0.plusSeconds(9000), "湘A00002", RECEDING),
                TestReads.read(UUID.randomUUID(), "b1", T0.plusSeconds(9500), "湘A00003", APPROACHING))).get();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void user(String name, String role, JsonArray regions) throws Exception {
        JsonObject u = new JsonObject().put("username", name).put("password", name + "-password-long")
                .put("roles", new JsonArray(List.of(role)));
        api.expect(201, "POST", "/api/v1/users", admin, regions == null ? u : u.put("regions", regions));
    }

    private static JsonObject checkpoint(List<String> region) {
        return new JsonObject().put("region", new JsonArray(region)).put("entering", "APPROACHING")
                .put("leaving", "RECEDING");
    }

    private static List<String> plates(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("plate"))
                .toList();
    }

    @Test
    void anInvestigatorAsksWhoEnteredLeftAndIsStillInsideForACase() throws Exception {
        assertThat(plates(api.getForCase("/api/v1/ring/entered?region=" + COUNTY + WINDOW, investigator, "case-1")))
                .containsExactly("湘A00003", "湘A00002", "湘A00001");
        assertThat(plates(api.getForCase("/api/v1/ring/left?region=" + COUNTY + WINDOW, investigator, "case-1")))
                .containsExactly("湘A00002");
        assertThat(plates(api.getForCase("/api/v1/ring/inside?region=" + COUNTY + "&at=2026-12-02T00:00:00Z",
                investigator, "case-1"))).containsExactly("湘A00003", "湘A00001");
        JsonArray counts = new JsonObject(api.getForCase("/api/v1/ring/counts?region=" + COUNTY + WINDOW, investigator,
                null).body()).getJsonArray("items");
        assertThat(counts.stream().mapToLong(o -> ((JsonObject) o).getLong("in")).sum()).isEqualTo(3);
        // every question is on the audit trail with its case
        JsonArray audit = api.expect(200, "GET", "/api/v1/audit?action=" + URLEncoder.encode("GET /api/v1/ring/inside",
                StandardCharsets.UTF_8), auditor(), null).getJsonArray("items");
        assertThat(audit.stream().map(o -> (JsonObject) o)
                .filter(e -> "inv.county".equals(e.getString("actor")) && "case-1".equals(e.getString("caseReference"))))
                .singleElement().satisfies(e -> assertThat(e.getLong("resultCount")).isEqualTo(2));
    }

    private static String auditor;

    private static synchronized String auditor() throws Exception {
        if (auditor == null) {
            user("auditor.x", "auditor", null);
            auditor = api.login("auditor.x", "auditor.x-password-long");
        }
        return auditor;
    }

    @Test
    void questionsAboutVehiclesNeedACaseReference() throws Exception {
        HttpResponse<String> r = api.getForCase("/api/v1/ring/entered?region=" + COUNTY + WINDOW, investigator, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("caseReference");
        r = api.getForCase("/api/v1/ring/inside?region=" + COUNTY, investigator, " ");
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void aTownshipInvestigatorSeesOnlyItsCheckpointsAndCannotAskWhoIsInsideTheCounty() throws Exception {
        assertThat(plates(api.getForCase("/api/v1/ring/entered?region=" + COUNTY + WINDOW, investigatorA, "case-2")))
                .containsExactly("湘A00002", "湘A00001");
        assertThat(plates(api.getForCase("/api/v1/ring/left?region=" + COUNTY + WINDOW, investigatorA, "case-2")))
                .isEmpty();
        assertThat(api.getForCase("/api/v1/ring/inside?region=" + COUNTY, investigatorA, "case-2").statusCode())
                .as("b1's leavings are hidden from it").isEqualTo(403);
        JsonArray checkpoints = api.expect(200, "GET", "/api/v1/ring/checkpoints?region=" + COUNTY, investigatorA, null)
                .getJsonArray("items");
        assertThat(checkpoints.stream().map(o -> ((JsonObject) o).getString("camera")).toList()).containsExactly("a1");
    }

    @Test
    void onlyAdminsMarkTheRingAndOnlyOnTheirCamerasAndRegions() throws Exception {
        api.expect(403, "PUT", "/api/v1/ring/checkpoints/a1", investigator, checkpoint(List.of("县")));
        api.expect(403, "PUT", "/api/v1/ring/checkpoints/a1", adminA, checkpoint(List.of("县")));
        api.expect(404, "PUT", "/api/v1/ring/checkpoints/b1", adminA, checkpoint(List.of("县", "镇1")));
        api.expect(404, "DELETE", "/api/v1/ring/checkpoints/b1", adminA, null);
        api.expect(200, "PUT", "/api/v1/ring/checkpoints/a1", adminA, checkpoint(List.of("县", "镇1")));
        api.expect(204, "DELETE", "/api/v1/ring/checkpoints/a1", adminA, null);
        api.expect(404, "DELETE", "/api/v1/ring/checkpoints/a1", adminA, null);
        api.expect(200, "PUT", "/api/v1/ring/checkpoints/a1", admin, checkpoint(List.of("县")));
        api.expect(404, "PUT", "/api/v1/ring/checkpoints/nosuch", admin, checkpoint(List.of("县")));
    }

    @Test
    void viewersAndBadQuestionsAreRefused() throws Exception {
        assertThat(api.getForCase("/api/v1/ring/entered?region=" + COUNTY + WINDOW, viewer, "c").statusCode())
                .isEqualTo(403);
        HttpResponse<String> r = api.getForCase("/api/v1/ring/entered?region=" + COUNTY
                + "&from=2026-12-01T00:00:00Z&to=2027-01-15T00:00:00Z", investigator, "c");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"to\"");
        r = api.getForCase("/api/v1/ring/entered?region=" + URLEncoder.encode("县//镇1", StandardCharsets.UTF_8)
                + WINDOW, investigator, "c");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("region");
        r = api.send("PUT", "/api/v1/ring/checkpoints/a1", admin, new JsonObject().put("region",
                new JsonArray(List.of("县"))).put("entering", "LEFT").put("leaving", "LEFT"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("leaving");
        r = api.send("PUT", "/api/v1/ring/checkpoints/a1", admin, new JsonObject().put("region",
                new JsonArray(List.of("县"))).put("entering", "UPWARDS").put("leaving", "LEFT"));
        assertThat(r.statusCode()).isEqualTo(400);
    }
}
