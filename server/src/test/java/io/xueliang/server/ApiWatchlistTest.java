package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.TestReads;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch lists and alerts through the whole server: a list made over the API, a matching read published on the
 * server's plate-reads bus, the alert on a real client's event stream, in the alert list, acknowledged; and first the
 * attacker's tests: a township's operator never sees another township's alerts, on any route or on the stream, a
 * viewer makes no lists, a list is changed only by its owner or an admin, and a revoked token's stream gets no more.
 * Camera a1 is in township 镇1 (region A), b1 in 镇2 (region B).
 */
class ApiWatchlistTest {
    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String admin;
    private static String inv;
    private static String inv2;
    private static String invA;
    private static String opA;
    private static String opB;
    private static String auditor;

    private static final JsonArray REGION_A = new JsonArray().add(new JsonArray(List.of("县", "镇1")));
    private static final JsonArray REGION_B = new JsonArray().add(new JsonArray(List.of("县", "镇2")));

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        inv = user("inv", "investigator", null);
        inv2 = user("inv2", "investigator", null);
        invA = user("inv.a", "investigator", REGION_A);
        opA = user("op.a", "viewer", REGION_A);
        opB = user("op.b", "viewer", REGION_B);
        auditor = user("aud", "auditor", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String name, String role, JsonArray regions) throws Exception {
        JsonObject u = new JsonObject().put("username", name).put("password", name + "-password-long")
                .put("roles", new JsonArray(List.of(role)));
        api.expect(201, "POST", "/api/v1/users", admin, regions == null ? u : u.put("regions", regions));
        return api.login(name, name + "-password-long");
    }

    private static JsonObject watchlist(String... plates) {
        return new JsonObject().put("name", "stolen cars").put("reason", "reported stolen")
                .put("caseReference", "case-11").put("expiresAt", Instant.now().plus(Duration.ofDays(7)).toString())
                .put("plates", new JsonArray(List.of(plates)));
    }

    private static long create(String token, JsonObject body) throws Exception {
        return api.expect(201, "POST", "/api/v1/watchlists", token, body).getLong("id");
    }

    private static PlateRead publish(String camera, String plate) {
        PlateRead read = TestReads.read(camera, Instant.now().truncatedTo(ChronoUnit.MILLIS), plate);
        server.plateReads().publish(PlateRead.TOPIC, read);
        return read;
    }

    private static List<Long> alertIds(String token, String query) throws Exception {
        List<Long> ids = new ArrayList<>();
        api.expect(200, "GET", "/api/v1/alerts" + query, token, null).getJsonArray("items")
                .forEach(o -> ids.add(((JsonObject) o).getLong("id")));
        return ids;
    }

    private static String field(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field");
    }

    @Test
    void anotherTownshipsOperatorNeverSeesTheAlertOnTheStreamInTheListOrByItsId() throws Exception {
        long list = create(inv, watchlist("湘A10001", "湘B10001"));
        try (EventStreamClient streamA = EventStreamClient.open(HTTP, server.httpPort(), opA, null);
             EventStreamClient streamB = EventStreamClient.open(HTTP, server.httpPort(), opB, null)) {
            assertThat(streamB.status()).isEqualTo(200);
            publish("a1", "湘A10001");
            JsonObject seenByA = new JsonObject(streamA.next(Duration.ofSeconds(1)).orElseThrow().data());
            assertThat(seenByA.getString("camera")).isEqualTo("a1");
            // The next event B sees is B's own: the a1 alert was never sent to it.
            publish("b1", "湘B10001");
            JsonObject seenByB = new JsonObject(streamB.next(Duration.ofSeconds(1)).orElseThrow().data());
            assertThat(seenByB.getString("camera")).isEqualTo("b1");
            assertThat(seenByB.getJsonObject("watchlist").getLong("id")).isEqualTo(list);

            long alertA = seenByA.getLong("id");
            assertThat(alertIds(opB, "")).doesNotContain(alertA).contains(seenByB.getLong("id"));
            assertThat(alertIds(opA, "")).contains(alertA).doesNotContain(seenByB.getLong("id"));
            api.expect(404, "POST", "/api/v1/alerts/" + alertA + "/acknowledge", opB, new JsonObject());
            // On reconnection, B is not sent A's alert from the store either.
            try (EventStreamClient resumed = EventStreamClient.open(HTTP, server.httpPort(), opB,
                    Long.toString(alertA - 1))) {
                assertThat(resumed.next(Duration.ofSeconds(1)).orElseThrow().id())
                        .isEqualTo(Long.toString(seenByB.getLong("id")));
            }
        }
    }

    @Test
    void listsAreMadeByInvestigatorsAndChangedOnlyByTheirOwnerOrAnAdminWithinTheirRegions() throws Exception {
        api.expect(403, "POST", "/api/v1/watchlists", opA, watchlist("湘A20001"));
        long county = create(inv, watchlist("湘A20002"));
        long township = create(invA, watchlist("湘A20003"));

        api.expect(403, "GET", "/api/v1/watchlists", opA, null);
        assertThat(ids(api.expect(200, "GET", "/api/v1/watchlists", invA, null))).contains(township)
                .doesNotContain(county);
        assertThat(ids(api.expect(200, "GET", "/api/v1/watchlists", inv2, null))).contains(township, county);
        api.expect(404, "GET", "/api/v1/watchlists/" + county, invA, null);
        api.expect(404, "PUT", "/api/v1/watchlists/" + county, invA, watchlist("湘A20004"));
        api.expect(404, "PUT", "/api/v1/watchlists/" + county, inv2, watchlist("湘A20004"));
        assertThat(delete(inv2, county)).isEqualTo(404);

        JsonObject changed = api.expect(200, "PUT", "/api/v1/watchlists/" + county, inv, watchlist("湘A20005"));
        assertThat(changed.getJsonArray("plates").getList()).containsExactly("湘A20005");
        assertThat(changed.getString("changedBy")).isEqualTo("inv");
        JsonObject byTownship = api.expect(200, "GET", "/api/v1/watchlists/" + township, invA, null);
        assertThat(byTownship.getJsonArray("regions")).isEqualTo(REGION_A);
        var deleted = api.send("DELETE", "/api/v1/watchlists/" + county, admin, null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(400);
        assertThat(field(deleted)).isEqualTo("caseReference");
        assertThat(delete(admin, county)).isEqualTo(204);
        api.expect(404, "GET", "/api/v1/watchlists/" + county, inv, null);
    }

    /** DELETE with the case reference in its header; the status. */
    private static int delete(String token, long list) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.httpPort()
                + "/api/v1/watchlists/" + list)).DELETE().header("Authorization", "Bearer " + token)
                .header("X-Case-Reference", "case-11").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<Long> ids(JsonObject list) {
        return list.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    @Test
    void aTownshipsListDoesNotWatchAnotherTownship() throws Exception {
        create(invA, watchlist("湘A30001"));
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), inv, null)) {
            publish("b1", "湘A30001");
            publish("a1", "湘A30001");
            JsonObject first = new JsonObject(stream.next(Duration.ofSeconds(1)).orElseThrow().data());
            assertThat(first.getString("camera")).isEqualTo("a1");
        }
    }

    @Test
    void aRevokedTokensStreamEndsWithoutTheNextAlert() throws Exception {
        create(inv, watchlist("湘A40001"));
        String session = api.login("op.a", "op.a-password-long");
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), session, null)) {
            assertThat(stream.status()).isEqualTo(200);
            api.expect(204, "DELETE", "/api/v1/auth/session", session, null);
            publish("a1", "湘A40001");
            assertThat(stream.endsWithoutEvent(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        Map<String, JsonObject> cases = Map.of(
                "expiresAt", watchlist("湘A50001").put("expiresAt", Instant.now().minusSeconds(60).toString()),
                "expiresAt ", watchlist("湘A50001").put("expiresAt", Instant.now().plus(Duration.ofDays(91)).toString()),
                "plates", watchlist(),
                "plates/1", watchlist("湘A50001", "湘\"A1"),
                "plates/0", watchlist("湘*"),
                "caseReference", watchlist("湘A50001").put("caseReference", (String) null),
                "colour", watchlist("湘A50001").put("colour", "blue"));
        for (var c : cases.entrySet()) {
            JsonObject body = c.getValue();
            if (body.containsKey("caseReference") && body.getValue("caseReference") == null) {
                body.remove("caseReference");
            }
            var r = api.send("POST", "/api/v1/watchlists", inv, body);
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).as(c.getKey()).contains(c.getKey().strip());
        }
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), opA, "x1")) {
            assertThat(stream.status()).isEqualTo(400);
        }
    }

    @Test
    void aMatchingReadIsOnTheStreamWithinASecondListedAndAcknowledgedOnce() throws Exception {
        JsonObject made = api.expect(201, "POST", "/api/v1/watchlists", invA, watchlist("湘A60001", "湘F6*"));
        long list = made.getLong("id");
        assertThat(made.getJsonArray("plates").getList()).containsExactly("湘A60001", "湘F6*");
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), opA, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            PlateRead read = publish("a1", "湘F·61234");
            EventStreamClient.Event event = stream.next(Duration.ofSeconds(1)).orElseThrow();
            JsonObject alert = new JsonObject(event.data());
            assertThat(event.id()).isEqualTo(Long.toString(alert.getLong("id")));
            assertThat(alert.getString("plate")).isEqualTo("湘F·61234");
            assertThat(alert.getString("camera")).isEqualTo("a1");
            assertThat(Instant.parse(alert.getString("time"))).isEqualTo(read.time());
            assertThat(alert.getJsonObject("watchlist").getLong("id")).isEqualTo(list);
            assertThat(alert.getJsonObject("watchlist").getString("name")).isEqualTo("stolen cars");
            assertThat(alert.getString("matched")).isEqualTo("湘F6*");
            assertThat(alert.getString("readId")).isEqualTo(read.id().toString());

            // Delivered again: no second alert.
            server.plateReads().publish(PlateRead.TOPIC, read);
            publish("a1", "湘A60001");
            JsonObject second = new JsonObject(stream.next(Duration.ofSeconds(1)).orElseThrow().data());
            assertThat(second.getString("plate")).isEqualTo("湘A60001");

            long id = alert.getLong("id");
            assertThat(alertIds(opA, "?acknowledged=false")).contains(id);
            JsonObject acked = api.expect(200, "POST", "/api/v1/alerts/" + id + "/acknowledge", opA,
                    new JsonObject().put("note", "stopped at the 易俗河 checkpoint"));
            assertThat(acked.getBoolean("acknowledged")).isTrue();
            assertThat(acked.getString("acknowledgedBy")).isEqualTo("op.a");
            api.expect(409, "POST", "/api/v1/alerts/" + id + "/acknowledge", opA, new JsonObject());
            assertThat(alertIds(opA, "?acknowledged=true")).contains(id);
            assertThat(alertIds(opA, "?acknowledged=false")).doesNotContain(id);
            long sameRead = api.expect(200, "GET", "/api/v1/alerts?limit=1000", opA, null).getJsonArray("items")
                    .stream().filter(o -> ((JsonObject) o).getString("readId").equals(read.id().toString())).count();
            assertThat(sameRead).isEqualTo(1);
            String metrics = api.send("GET", "/metrics", admin, null, null).body();
            assertThat(metrics).containsPattern("(?m)^xueliang_watchlist_alerts_total [1-9]")
                    .containsPattern("(?m)^xueliang_alert_streams [1-9]");
        }
    }

    @Test
    void changesAndAcknowledgementsAreOnTheAuditTrailWithTheirParameters() throws Exception {
        long list = create(inv, watchlist("湘A80001", "湘F8*"));
        long alert;
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), opA, null)) {
            publish("a1", "湘A80001");
            alert = Long.parseLong(stream.next(Duration.ofSeconds(1)).orElseThrow().id());
        }
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/acknowledge", opA, new JsonObject().put("note", "seen"));

        JsonObject made = auditRecord("POST /api/v1/watchlists", "watchlistId", Long.toString(list));
        assertThat(made.getString("actor")).isEqualTo("inv");
        assertThat(made.getInteger("status")).isEqualTo(201);
        JsonObject p = made.getJsonObject("parameters");
        assertThat(p.getString("caseReference")).isEqualTo("case-11");
        assertThat(p.getString("reason")).isEqualTo("reported stolen");
        assertThat(p.getString("plates")).isEqualTo("湘A80001,湘F8*");
        assertThat(p.getString("plateCount")).isEqualTo("2");
        assertThat(p.getString("platesSha256")).hasSize(64);
        JsonObject acked = auditRecord("POST /api/v1/alerts/{alertId}/acknowledge", "alertId", Long.toString(alert));
        assertThat(acked.getString("actor")).isEqualTo("op.a");
        assertThat(acked.getJsonObject("parameters").getString("note")).isEqualTo("seen");
        assertThat(acked.getJsonObject("parameters").getString("watchlistId")).isEqualTo(Long.toString(list));
        assertThat(auditRecord("GET /api/v1/alerts/stream", null, null).getString("actor")).isNotEmpty();
    }

    /** The newest audit record of {@code action} whose parameter {@code key} is {@code value} (any, when null). */
    private static JsonObject auditRecord(String action, String key, String value) throws Exception {
        String q = "/api/v1/audit?limit=1000&action=" + java.net.URLEncoder.encode(action,
                java.nio.charset.StandardCharsets.UTF_8);
        return api.expect(200, "GET", q, auditor, null).getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(r -> r.getString("action").equals(action))
                .filter(r -> key == null || value.equals(r.getJsonObject("parameters").getString(key)))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record of " + action + " " + value));
    }

    @Test
    void aStreamReopenedWithLastEventIdGetsWhatItMissedFirst() throws Exception {
        create(inv, watchlist("湘A70001"));
        long before;
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), opA, null)) {
            publish("a1", "湘A70001");
            before = Long.parseLong(stream.next(Duration.ofSeconds(1)).orElseThrow().id());
        }
        PlateRead missed = publish("a1", "湘A70001");
        UUID missedId = missed.id();
        // Wait for it to be stored: it shows in the list.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (api.expect(200, "GET", "/api/v1/alerts", opA, null).getJsonArray("items").stream()
                .noneMatch(o -> ((JsonObject) o).getString("readId").equals(missedId.toString()))
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        try (EventStreamClient stream = EventStreamClient.open(HTTP, server.httpPort(), opA, Long.toString(before))) {
            JsonObject resumed = new JsonObject(stream.next(Duration.ofSeconds(1)).orElseThrow().data());
            assertThat(resumed.getString("readId")).isEqualTo(missedId.toString());
        }
    }

    @Test
    void aUserHoldsAtMostFourStreams() throws Exception {
        String op = user("op.streams", "viewer", REGION_A);
        List<EventStreamClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(EventStreamClient.open(HTTP, server.httpPort(), op, null));
                assertThat(open.getLast().status()).isEqualTo(200);
            }
            try (EventStreamClient fifth = EventStreamClient.open(HTTP, server.httpPort(), op, null)) {
                assertThat(fifth.status()).isEqualTo(429);
            }
        } finally {
            for (EventStreamClient s : open) {
                s.close();
            }
        }
    }
}
