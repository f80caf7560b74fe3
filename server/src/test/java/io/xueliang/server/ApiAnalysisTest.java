package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.reads.synth.HistoryPlan;
import io.xueliang.reads.synth.PlantedTruth;
import io.xueliang.reads.synth.ReadHistoryGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analyses through the API, on a generated county history with planted vehicles: the frequent passers of the planted
 * camera are found as planted; a township investigator, whose regions hold none of the county's checkpoints, finds
 * nothing; jobs are their starter's alone; viewers, missing case references and bad parameters are refused.
 */
class ApiAnalysisTest {
    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String investigator;
    private static String investigatorA;
    private static String viewer;
    private static ReadHistoryGenerator history;
    private static PlantedTruth truth;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "");
        api = new ApiClient(server.httpPort());
        String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        for (String[] u : new String[][] {{"inv.county", "investigator", null}, {"inv.a", "investigator", "镇1"},
                {"viewer.y", "viewer", null}}) {
            JsonObject user = new JsonObject().put("username", u[0]).put("password", u[0] + "-password-long")
                    .put("roles", new JsonArray(List.of(u[1])));
            if (u[2] != null) {
                user.put("regions", new JsonArray().add(new JsonArray(List.of("县", u[2]))));
            }
            api.expect(201, "POST", "/api/v1/users", admin, user);
        }
        investigator = api.login("inv.county", "inv.county-password-long");
        investigatorA = api.login("inv.a", "inv.a-password-long");
        viewer = api.login("viewer.y", "viewer.y-password-long");
        history = new ReadHistoryGenerator(new HistoryPlan(11, 40, Instant.parse("2026-11-02T00:00:00Z"), 8, 40_000,
                HistoryPlan.CHINA));
        history.generate(day -> server.readStore().insert(day).join());
        truth = history.truth();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String kind, String token, String caseReference, JsonObject body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                + "/api/v1/analyses/" + kind)).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        if (caseReference != null) {
            b.header("X-Case-Reference", caseReference).header("X-Purpose", "test");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject frequentAtThePlantedCamera() {
        PlantedTruth.Frequent f = truth.frequent();
        return new JsonObject().put("from", history.start().toString()).put("to", history.end().toString())
                .put("cameras", new JsonArray(List.of(f.camera().value()))).put("minPasses", f.minPasses());
    }

    /** Starts an analysis and waits for it to end; its findings' plates. */
    private static Set<String> run(String kind, String token, JsonObject body) throws Exception {
        HttpResponse<String> started = post(kind, token, "case-9", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = new JsonObject(started.body()).getString("id");
        JsonObject status;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Thread.sleep(50);
            status = api.expect(200, "GET", "/api/v1/analyses/jobs/" + id, token, null);
        } while (!status.getString("status").equals("done") && System.nanoTime() < deadline);
        assertThat(status.getString("status")).as(status.encode()).isEqualTo("done");
        Set<String> plates = new HashSet<>();
        Integer offset = 0;
        while (offset != null) {
            HttpResponse<String> page = api.getForCase("/api/v1/analyses/jobs/" + id + "/results?limit=7&offset=" + offset,
                    token, "case-9");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonObject p = new JsonObject(page.body());
            p.getJsonArray("items").forEach(o -> assertThat(plates.add(((JsonObject) o).getString("plate"))).isTrue());
            offset = p.getInteger("next");
        }
        return plates;
    }

    @Test
    void theFrequentPassersOfACameraAreFoundAsPlantedAndOnlyWhereTheInvestigatorMayLook() throws Exception {
        assertThat(run("frequent", investigator, frequentAtThePlantedCamera())).isEqualTo(truth.frequent().plates());
        assertThat(run("frequent", investigatorA, frequentAtThePlantedCamera()))
                .as("no checkpoint of the generated county lies in 镇1").isEmpty();
    }

    @Test
    void aJobIsItsStartersAlone() throws Exception {
        HttpResponse<String> started = post("frequent", investigator, "case-9", frequentAtThePlantedCamera());
        String id = new JsonObject(started.body()).getString("id");
        api.expect(404, "GET", "/api/v1/analyses/jobs/" + id, investigatorA, null);
        assertThat(api.getForCase("/api/v1/analyses/jobs/" + id + "/results", investigatorA, "case-9").statusCode())
                .isEqualTo(404);
        api.expect(404, "DELETE", "/api/v1/analyses/jobs/" + id, investigatorA, null);
        api.expect(200, "GET", "/api/v1/analyses/jobs/" + id, investigator, null);
    }

    @Test
    void viewersMissingCasesAndBadParametersAreRefused() throws Exception {
        assertThat(post("frequent", viewer, "case-9", frequentAtThePlantedCamera()).statusCode()).isEqualTo(403);
        HttpResponse<String> r = post("frequent", investigator, null, frequentAtThePlantedCamera());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("caseReference");
        r = post("teleportation", investigator, "case-9", frequentAtThePlantedCamera());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("kind");
        r = post("frequent", investigator, "case-9", frequentAtThePlantedCamera()
                .put("to", history.start().minusSeconds(60).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"to\"");
        r = post("companions", investigator, "case-9", new JsonObject().put("from", history.start().toString())
                .put("to", history.end().toString()).put("plate", "湘A*"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("plate");
        r = post("night-activity", investigator, "case-9", new JsonObject().put("from", history.start().toString())
                .put("to", history.end().toString()).put("nightStart", "late"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("nightStart");
    }
}
