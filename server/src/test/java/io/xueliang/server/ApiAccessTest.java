package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every operation of the contract: without a token 401, with a role that may not 403, out of the caller's
 * region 404 (existence is not revealed), with bad input 400 naming the field. The table must name every operation
 * the server serves, so a new route cannot land without its access rules being tested.
 */
class ApiAccessTest {
    private static final String METRICS_TOKEN = "metrics-token-0123456789";

    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    /** User name to a session token. */
    private static final Map<String, String> TOKENS = new TreeMap<>();

    /**
     * One operation's access rules.
     *
     * @param anonymous status without a token
     * @param refused a user whose roles may not use it (403), or null when every authenticated user may
     * @param outOfRegion a user for whom the target lies outside their regions (404), or null
     * @param bad a request variant (path, body) that breaks the contract or a rule, with the field it must name
     */
    record Case(String method, String path, String contentType, String body, int anonymous, String refused,
            String outOfRegion, Bad bad) {
    }

    record Bad(String path, String body, String field) {
    }

    private static final String CAMERA = new JsonObject().put("id", "api1").put("region", new JsonArray(List.of("县", "镇2")))
            .put("source", "rtsp://10.0.0.9/api1").put("enabled", false).encode();
    /** An analysis job id no job has. */
    private static final String JOB = "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String JSON = "application/json";
    /** A read id no read has (the path's placeholder in the table's check below). */
    private static final String READ = "00000000-0000-4000-8000-000000000001";

    static Map<String, Case> cases() {
        Map<String, Case> c = new TreeMap<>();
        c.put("healthz", new Case("GET", "/healthz", null, null, 200, null, null, null));
        c.put("readyz", new Case("GET", "/readyz", null, null, 401, null, null, null));
        c.put("metrics", new Case("GET", "/metrics", null, null, 401, "viewer1", null, null));
        c.put("login", new Case("POST", "/api/v1/auth/login", JSON, "{\"username\":\"nobody\",\"password\":\"wrong-password\"}",
                401, null, null, new Bad(null, "{\"username\":\"x\",\"password\":\"y\",\"extra\":1}", "extra")));
        c.put("getSession", new Case("GET", "/api/v1/auth/session", null, null, 401, null, null, null));
        c.put("logout", new Case("DELETE", "/api/v1/auth/session", null, null, 401, null, null, null));
        c.put("createToken", new Case("POST", "/api/v1/tokens", JSON, "{\"name\":\"t1\"}", 401, null, null,
                new Bad(null, "{\"name\":\"bad name!\"}", "name")));
        c.put("createTicket", new Case("POST", "/api/v1/tickets", JSON, "{\"path\":\"/api/v1/cameras/b1/playback.mp4\"}", 401,
                null, null, new Bad(null, "{\"path\":\"/api/v1/users\"}", "path")));
        c.put("listTokens", new Case("GET", "/api/v1/tokens", null, null, 401, null, null, null));
        c.put("revokeToken", new Case("DELETE", "/api/v1/tokens/424242", null, null, 401, null, null,
                new Bad("/api/v1/tokens/abc", null, "tokenId")));
        c.put("listCameras", new Case("GET", "/api/v1/cameras", null, null, 401, null, null,
                new Bad("/api/v1/cameras?include=secrets", null, "include")));
        c.put("createCamera", new Case("POST", "/api/v1/cameras", JSON, CAMERA, 401, "viewer1", null,
                new Bad(null, "{\"id\":\"api2\",\"source\":\"http://10.0.0.9/x\"}", "source")));
        c.put("importCameras", new Case("POST", "/api/v1/cameras:import", "text/csv", "id,source\napi3,rtsp://10.0.0.9/x\n",
                401, "viewer1", null, new Bad(null, "id,source\napi3,rtsp://10.0.0.9/x\napi4,http://10.0.0.9/y\n",
                "line 3: source")));
        c.put("getCamera", new Case("GET", "/api/v1/cameras/b1", null, null, 401, null, "viewer1",
                new Bad("/api/v1/cameras/bad%20id", null, "id")));
        c.put("replaceCamera", new Case("PUT", "/api/v1/cameras/api1", JSON, CAMERA, 401, "viewer1", null,
                new Bad(null, "{\"id\":\"api1\"}", "source")));
        c.put("deleteCamera", new Case("DELETE", "/api/v1/cameras/api1", null, null, 401, "viewer1", null, null));
        c.put("getCameraStatus", new Case("GET", "/api/v1/cameras/b1/status", null, null, 401, null, "viewer1", null));
        c.put("listRegions", new Case("GET", "/api/v1/regions", null, null, 401, null, null, null));
        c.put("listUsers", new Case("GET", "/api/v1/users", null, null, 401, "viewer1", null,
                new Bad("/api/v1/users?limit=100000", null, "limit")));
        c.put("createUser", new Case("POST", "/api/v1/users", JSON,
                "{\"username\":\"u1\",\"password\":\"u1-password-long\",\"roles\":[\"viewer\"]}", 401, "auditor1", null,
                new Bad(null, "{\"username\":\"u2\",\"password\":\"short\",\"roles\":[\"viewer\"]}", "password")));
        c.put("getUser", new Case("GET", "/api/v1/users/auditor1", null, null, 401, "viewer1", null, null));
        c.put("replaceUser", new Case("PUT", "/api/v1/users/u1", JSON, "{\"username\":\"u1\",\"roles\":[\"investigator\"]}",
                401, "viewer1", null, new Bad(null, "{\"username\":\"u1\",\"roles\":[\"king\"]}", "roles/0")));
        c.put("deleteUser", new Case("DELETE", "/api/v1/users/u1", null, null, 401, "viewer1", null, null));
        c.put("changePassword", new Case("PUT", "/api/v1/users/auditor1/password", JSON,
                "{\"currentPassword\":\"x\",\"newPassword\":\"a-new-long-password\"}", 401, "viewer1", null,
                new Bad(null, "{\"currentPassword\":\"x\"}", "newPassword")));
        c.put("listRecordings", new Case("GET", "/api/v1/cameras/b1/recordings?from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00Z",
                null, null, 401, "viewer1", "investigator1",
                new Bad("/api/v1/cameras/b1/recordings?from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z", null, "to")));
        // A WebSocket: its region rule is ApiLiveTest's (a plain GET is the 400 here, before any camera is looked up).
        c.put("liveVideo", new Case("GET", "/api/v1/cameras/b1/live", null, null, 401, "auditor1", null,
                new Bad(null, null, "Upgrade")));
        c.put("cameraSnapshot", new Case("GET", "/api/v1/cameras/b1/snapshot.jpg", null, null, 401, "auditor1", null,
                null));
        c.put("liveHls", new Case("GET", "/api/v1/cameras/b1/live/index.m3u8", null, null, 401, "auditor1", null,
                new Bad("/api/v1/cameras/b1/live/index.m3u8?_HLS_part=1", null, "_HLS_part")));
        c.put("liveHlsMedia", new Case("GET", "/api/v1/cameras/b1/live/s1.0.m4s", null, null, 401, "auditor1", null,
                new Bad("/api/v1/cameras/b1/live/..%2Fplayback.mp4", null, "file")));
        c.put("listLayouts", new Case("GET", "/api/v1/layouts", null, null, 401, "auditor1", null, null));
        // Steering: its region rule and its success need a GB/T 28181 channel (ApiGb28181Test); b1 is RTSP (409).
        c.put("steerCamera", new Case("POST", "/api/v1/cameras/b1/ptz", JSON, "{\"pan\":1,\"speed\":9}", 401,
                "auditor1", null, new Bad(null, "{\"pan\":2,\"speed\":9}", "pan")));
        c.put("listGbDevices", new Case("GET", "/api/v1/gb28181/devices", null, null, 401, "viewer1", null, null));
        // Its success needs a GB/T 28181 device (ApiGb28181Test); b1 is RTSP (409).
        c.put("listDeviceRecordings", new Case("GET", "/api/v1/cameras/b1/device-recordings?from=2026-11-30T00:00:00Z"
                + "&to=2026-11-30T01:00:00Z", null, null, 401, "viewer1", null,
                new Bad("/api/v1/cameras/b1/device-recordings?from=2026-11-30T00:00:00Z&to=2026-12-30T00:00:00Z", null,
                        "to")));
        // The test server runs no GB/T 28181 platform: an admin's valid request is 409 here (ApiGb28181Test sets one).
        c.put("setGbDevicePassword", new Case("PUT", "/api/v1/gb28181/devices/43032100001180000009/password", JSON,
                "{\"password\":\"nvr-password-1\"}", 401, "viewer1", null,
                new Bad(null, "{\"password\":\"short\"}", "password")));
        c.put("getGbDeviceStatus", new Case("GET", "/api/v1/gb28181/devices/43032100001180000009/status", null, null,
                401, "viewer1", null, new Bad("/api/v1/gb28181/devices/4303/status", null, "deviceId")));
        c.put("deleteGbDevicePassword", new Case("DELETE", "/api/v1/gb28181/devices/43032100001180000009/password",
                null, null, 401, "viewer1", null, new Bad("/api/v1/gb28181/devices/4303/password", null, "deviceId")));
        // A WebSocket: its success needs a GB/T 28181 device (ApiGb28181Test); a plain GET is the 400 here.
        c.put("playDeviceRecording", new Case("GET", "/api/v1/cameras/b1/device-playback?from=2026-11-30T00:00:00Z"
                + "&to=2026-11-30T01:00:00Z", null, null, 401, "viewer1", null,
                new Bad("/api/v1/cameras/b1/device-playback?from=2026-11-30T00:00:00Z&to=2026-12-02T00:00:00Z", null,
                        "to")));
        c.put("listGbSuperiors", new Case("GET", "/api/v1/gb28181/superiors", null, null, 401, "viewer1", null,
                null));
        c.put("saveLayout", new Case("PUT", "/api/v1/layouts/wall1", JSON, "{\"size\":4,\"cameras\":[\"b1\",null]}", 401,
                "auditor1", "viewer1", new Bad(null, "{\"size\":5,\"cameras\":[]}", "size")));
        c.put("deleteLayout", new Case("DELETE", "/api/v1/layouts/wall1", null, null, 401, "auditor1", null,
                new Bad("/api/v1/layouts/" + "w".repeat(65), null, "name")));
        c.put("playback", new Case("GET", "/api/v1/cameras/b1/playback.mp4?from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00Z",
                null, null, 401, "viewer1", "investigator1",
                new Bad("/api/v1/cameras/b1/playback.mp4?from=2026-11-30T00:00:00Z&to=2026-12-30T01:00:00Z", null, "to")));
        c.put("createHold", new Case("POST", "/api/v1/holds", JSON, "{\"camera\":\"b1\",\"from\":\"2026-11-30T00:00:00Z\","
                + "\"to\":\"2026-11-30T01:00:00Z\",\"caseReference\":\"case-1\"}", 401, "viewer1", "investigator1",
                new Bad(null, "{\"camera\":\"b1\",\"from\":\"2026-11-30T00:00:00Z\",\"to\":\"2026-11-30T01:00:00Z\"}",
                        "caseReference")));
        c.put("listHolds", new Case("GET", "/api/v1/holds", null, null, 401, "viewer1", null,
                new Bad("/api/v1/holds?active=maybe", null, "active")));
        c.put("releaseHold", new Case("DELETE", "/api/v1/holds/424242", null, null, 401, "investigator1", null,
                new Bad("/api/v1/holds/0", null, "holdId")));
        c.put("createExport", new Case("POST", "/api/v1/exports", JSON, "{\"cameras\":[\"b1\"],\"from\":\"2026-11-30T00:00:00Z\","
                + "\"to\":\"2026-11-30T01:00:00Z\",\"caseReference\":\"case-1\",\"reason\":\"r\"}", 401, "viewer1",
                "investigator1", new Bad(null, "{\"cameras\":[],\"from\":\"2026-11-30T00:00:00Z\","
                + "\"to\":\"2026-11-30T01:00:00Z\",\"caseReference\":\"case-1\",\"reason\":\"r\"}", "cameras")));
        c.put("getExport", new Case("GET", "/api/v1/exports/0123456789abcdef0123456789abcdef", null, null, 401, null, null,
                new Bad("/api/v1/exports/XYZ", null, "exportId")));
        c.put("downloadExport", new Case("GET", "/api/v1/exports/0123456789abcdef0123456789abcdef/download", null, null, 401,
                null, null, null));
        c.put("getExportKey", new Case("GET", "/api/v1/exports/key", null, null, 401, null, null, null));
        c.put("listAudit", new Case("GET", "/api/v1/audit", null, null, 401, "viewer1", null,
                new Bad("/api/v1/audit?from=yesterday", null, "from")));
        String county = "region=%E5%8E%BF"; // 县
        String day = "&from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z";
        String inverted = "&from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z";
        c.put("listRingCheckpoints", new Case("GET", "/api/v1/ring/checkpoints?" + county, null, null, 401, "viewer1", null,
                new Bad("/api/v1/ring/checkpoints?region=", null, "region")));
        c.put("putRingCheckpoint", new Case("PUT", "/api/v1/ring/checkpoints/b1", JSON,
                "{\"region\":[\"县\"],\"entering\":\"APPROACHING\",\"leaving\":\"RECEDING\"}", 401, "investigator1", null,
                new Bad(null, "{\"region\":[\"县\"],\"entering\":\"LEFT\",\"leaving\":\"LEFT\"}", "leaving")));
        c.put("deleteRingCheckpoint", new Case("DELETE", "/api/v1/ring/checkpoints/b1", null, null, 401, "investigator1",
                null, null));
        c.put("ringEntered", new Case("GET", "/api/v1/ring/entered?" + county + day, null, null, 401, "viewer1", null,
                new Bad("/api/v1/ring/entered?" + county + inverted, null, "to")));
        c.put("ringLeft", new Case("GET", "/api/v1/ring/left?" + county + day, null, null, 401, "viewer1", null,
                new Bad("/api/v1/ring/left?" + county + "&from=2026-11-30T00:00:00Z", null, "to")));
        c.put("ringInside", new Case("GET", "/api/v1/ring/inside?" + county, null, null, 401, "viewer1", null,
                new Bad("/api/v1/ring/inside?" + county + "&lookbackDays=400", null, "lookbackDays")));
        c.put("ringCounts", new Case("GET", "/api/v1/ring/counts?" + county + day, null, null, 401, "viewer1", null,
                new Bad("/api/v1/ring/counts?" + county + inverted, null, "to")));
        String watchlist = "{\"name\":\"w\",\"reason\":\"r\",\"caseReference\":\"case-1\","
                + "\"expiresAt\":\"2026-12-30T00:00:00Z\",\"plates\":[\"湘A12345\"]}";
        c.put("createWatchlist", new Case("POST", "/api/v1/watchlists", JSON, watchlist, 401, "viewer1", null,
                new Bad(null, watchlist.replace("[\"湘A12345\"]", "[]"), "plates")));
        c.put("listWatchlists", new Case("GET", "/api/v1/watchlists", null, null, 401, "viewer1", null, null));
        c.put("getWatchlist", new Case("GET", "/api/v1/watchlists/424242", null, null, 401, "viewer1", null,
                new Bad("/api/v1/watchlists/abc", null, "watchlistId")));
        c.put("replaceWatchlist", new Case("PUT", "/api/v1/watchlists/424242", JSON, watchlist, 401, "viewer1", null,
                new Bad(null, watchlist.replace("{", "{\"colour\":\"blue\","), "colour")));
        c.put("deleteWatchlist", new Case("DELETE", "/api/v1/watchlists/424242", null, null, 401, "viewer1", null,
                new Bad(null, null, "caseReference")));
        c.put("listAlerts", new Case("GET", "/api/v1/alerts", null, null, 401, "auditor1", null,
                new Bad("/api/v1/alerts?from=yesterday", null, "from")));
        c.put("acknowledgeAlert", new Case("POST", "/api/v1/alerts/424242/acknowledge", JSON, "{}", 401, "auditor1",
                null, new Bad(null, "{\"note\":1}", "note")));
        c.put("streamAlerts", new Case("GET", "/api/v1/alerts/stream", null, null, 401, "auditor1", null, null));
        String hour = "from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00Z";
        String purpose = "caseReference=case-1&purpose=p";
        c.put("searchReads", new Case("GET", "/api/v1/reads?" + hour + "&plate=b1", null, null, 401, "viewer1", null,
                new Bad("/api/v1/reads?from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z&plate=b1", null, "to")));
        c.put("getRead", new Case("GET", "/api/v1/reads/" + READ, null, null, 401, "viewer1", null,
                new Bad("/api/v1/reads/not-a-read", null, "readId")));
        c.put("getReadPlateImage", new Case("GET", "/api/v1/reads/" + READ + "/plate.jpg?" + purpose, null, null, 401,
                "viewer1", null, new Bad("/api/v1/reads/" + READ + "/plate.jpg", null, "caseReference")));
        c.put("getReadOverviewImage", new Case("GET", "/api/v1/reads/" + READ + "/overview.jpg?" + purpose, null, null,
                401, "viewer1", null, new Bad("/api/v1/reads/" + READ + "/overview.jpg", null, "caseReference")));
        c.put("getTrajectory", new Case("GET", "/api/v1/plates/b1/trajectory?" + hour + "&" + purpose, null, null, 401,
                "viewer1", null, new Bad("/api/v1/plates/b1/trajectory?" + hour + "&" + purpose + "&format=kml", null,
                "format")));
        String frequent = "{\"from\":\"2026-11-30T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\",\"minPasses\":3}";
        c.put("startAnalysis", new Case("POST", "/api/v1/analyses/frequent", JSON, frequent, 401, "viewer1", null,
                new Bad(null, frequent.replace("\"minPasses\":3", "\"minPasses\":0"), "minPasses")));
        String job = "/api/v1/analyses/jobs/" + JOB;
        c.put("getAnalysis", new Case("GET", job, null, null, 401, "viewer1", null,
                new Bad("/api/v1/analyses/jobs/not-a-job", null, "analysisId")));
        c.put("cancelAnalysis", new Case("DELETE", job, null, null, 401, "viewer1", null, null));
        c.put("getAnalysisResults", new Case("GET", job + "/results", null, null, 401, "viewer1", null,
                new Bad(job + "/results?limit=0", null, "limit")));
        return c;
    }

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "metricsToken: " + METRICS_TOKEN);
        api = new ApiClient(server.httpPort());
        String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        TOKENS.put("admin", admin);
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "viewer1")
                .put("password", "viewer1-password").put("roles", new JsonArray(List.of("viewer")))
                .put("regions", new JsonArray().add(new JsonArray(List.of("县", "镇1")))));
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "auditor1")
                .put("password", "auditor1-password").put("roles", new JsonArray(List.of("auditor"))));
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "investigator1")
                .put("password", "investigator1-password").put("roles", new JsonArray(List.of("investigator")))
                .put("regions", new JsonArray().add(new JsonArray(List.of("县", "镇1")))));
        TOKENS.put("viewer1", api.login("viewer1", "viewer1-password"));
        TOKENS.put("investigator1", api.login("investigator1", "investigator1-password"));
        TOKENS.put("auditor1", api.login("auditor1", "auditor1-password"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(Case c, String path, String body, String token) throws Exception {
        return api.send(c.method(), path, token, body == null ? null : c.contentType(), body);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(new JsonObject(r.body()).getInteger("status")).as(what).isEqualTo(status);
        }
    }

    @Test
    void theTableNamesEveryOperationAndTheServerServesThemAll() {
        assertThat(cases().keySet()).as("every contract operation needs a row in this table")
                .containsExactlyInAnyOrderElementsOf(server.apiOperations().keySet());
        assertThat(server.unimplementedApiOperations()).as("operations answering 501").isEmpty();
        // Each path parameter's value in the table stands where the contract's template has a {name}.
        cases().forEach((id, c) -> assertThat(server.apiOperations().get(id).replaceAll("\\{\\w+}", "{}")).as(id)
                .isEqualTo(c.method() + " " + c.path().replaceAll("\\?.*", "").replaceAll("/(b1|api1|424242|auditor1|u1|wall1|0123456789abcdef0123456789abcdef|frequent|s1\\.0\\.m4s|43032100001180000009|" + JOB + "|" + READ + ")(?=/|$)", "/{}")));
    }

    @Test
    void withoutATokenEveryRouteButHealthzIsRefused() throws Exception {
        for (var e : cases().entrySet()) {
            Case c = e.getValue();
            assertProblem(send(c, c.path(), c.body(), null), c.anonymous(), e.getKey() + " without a token");
            if (c.anonymous() == 401 && !e.getKey().equals("login")) {
                assertProblem(send(c, c.path(), c.body(), "xls_" + "A".repeat(43)), 401, e.getKey() + " with a forged token");
            }
        }
        assertThat(api.send("GET", "/metrics", METRICS_TOKEN, null, null).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/metrics", TOKENS.get("admin"), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleThatMayNotIsRefusedAndTheRefusalAudited() throws Exception {
        for (var e : cases().entrySet()) {
            Case c = e.getValue();
            if (c.refused() != null) {
                assertProblem(send(c, c.path(), c.body(), TOKENS.get(c.refused())), 403, e.getKey() + " as " + c.refused());
            }
        }
        JsonObject trail = api.expect(200, "GET", "/api/v1/audit?actor=viewer1&limit=200", TOKENS.get("auditor1"), null);
        List<String> refusals = trail.getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(r -> r.getInteger("status") == 403).map(r -> r.getString("action")).collect(Collectors.toList());
        assertThat(refusals).contains("POST /api/v1/cameras", "DELETE /api/v1/users/{username}", "GET /api/v1/audit");
    }

    @Test
    void outsideTheCallersRegionsACameraDoesNotExist() throws Exception {
        for (var e : cases().entrySet()) {
            Case c = e.getValue();
            if (c.outOfRegion() != null) {
                HttpResponse<String> out = send(c, c.path(), c.body(), TOKENS.get(c.outOfRegion()));
                assertProblem(out, 404, e.getKey() + " out of region");
                HttpResponse<String> missing = send(c, c.path().replace("/b1", "/zz9"),
                        c.body() == null ? null : c.body().replace("\"b1\"", "\"zz9\""), TOKENS.get(c.outOfRegion()));
                assertProblem(missing, 404, e.getKey() + " for no camera");
                assertThat(new JsonObject(out.body()).getString("detail"))
                        .isEqualTo(new JsonObject(missing.body()).getString("detail").replace("zz9", "b1"));
                HttpResponse<String> asAdmin = send(c, c.path(), c.body(), TOKENS.get("admin"));
                // The admin sees the camera: success, or (playback of a camera without footage) a 404 that says so.
                if (asAdmin.statusCode() == 404) {
                    assertThat(new JsonObject(asAdmin.body()).getString("detail")).startsWith("nothing was recorded");
                } else {
                    assertThat(asAdmin.statusCode() / 100).as(e.getKey() + " as admin: " + asAdmin.body()).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        for (var e : cases().entrySet()) {
            Case c = e.getValue();
            if (c.bad() != null) {
                Bad b = c.bad();
                HttpResponse<String> r = send(c, b.path() == null ? c.path() : b.path(), b.body() == null ? c.body() : b.body(),
                        TOKENS.get("admin"));
                assertProblem(r, 400, e.getKey() + " with bad input");
                assertThat(new JsonObject(r.body()).getJsonArray("errors").stream()
                        .map(o -> ((JsonObject) o).getString("field")).toList()).as(e.getKey() + ": " + r.body())
                        .contains(b.field());
            }
        }
    }

    @Test
    void numbersSpelledOtherwiseAndRepeatedKeysAre400NamingTheField() throws Exception {
        String admin = TOKENS.get("admin");
        Map<String, String> paths = new TreeMap<>(Map.of(
                "/api/v1/cameras?limit=1e2", "limit",
                "/api/v1/cameras?limit=1.0", "limit",
                "/api/v1/users?limit=%2B5", "limit",
                "/api/v1/audit?limit=0x10", "limit"));
        for (var e : paths.entrySet()) {
            HttpResponse<String> r = api.send("GET", e.getKey(), admin, null, null);
            assertProblem(r, 400, e.getKey());
            assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field"))
                    .as(e.getKey()).isEqualTo(e.getValue());
        }
        for (String path : List.of("/api/v1/holds/1e2", "/api/v1/holds/1.0", "/api/v1/tokens/1e2")) {
            HttpResponse<String> r = api.send("DELETE", path, admin, null, null);
            assertProblem(r, 400, path);
        }
        HttpResponse<String> twice = api.send("POST", "/api/v1/users", admin, JSON,
                "{\"username\":\"u9\",\"password\":\"u9-password-long\",\"roles\":[\"viewer\"],\"roles\":[\"admin\"]}");
        assertProblem(twice, 400, "a key twice");
        assertThat(new JsonObject(twice.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("roles");
        HttpResponse<String> nested = api.send("POST", "/api/v1/exports", admin, JSON, "{\"cameras\":[\"b1\"],"
                + "\"from\":\"2026-11-30T00:00:00Z\",\"to\":\"2026-11-30T01:00:00Z\",\"caseReference\":\"c\",\"reason\":\"r\","
                + "\"x\":{\"a\":1,\"a\":2}}");
        assertProblem(nested, 400, "a nested key twice");
        assertThat(nested.body()).contains("x/a");
        assertThat(api.send("GET", "/api/v1/users/u9", admin, null, null).statusCode()).as("nothing was created").isEqualTo(404);
    }
}
