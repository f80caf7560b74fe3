package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a URL may carry (a media ticket for one resource, never the token) and how fast one token may go: the
 * attacker's tests for the credential that leaks through histories and proxy logs, and for a token used as a flood.
 */
class ApiTicketTest {
    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;

    private static final String PLAYBACK = "/api/v1/cameras/b1/playback.mp4";
    private static final String RANGE = "?from=2026-11-30T00:00:00Z&to=2026-11-30T00:10:00Z";

    @BeforeAll
    static void start() throws Exception {
        server = TwoTownships.start(tmp.resolve("data"), "tokenRequestsPerSecond: 1, tokenRequestBurst: 40");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String ticket(String token, String path) throws Exception {
        return api.expect(201, "POST", "/api/v1/tickets", token, new JsonObject().put("path", path)).getString("ticket");
    }

    /** The status of a GET with {@code access_token} in the URL and no header; 404 "nothing recorded" means let in. */
    private static int get(String pathAndQuery, String accessToken) throws Exception {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return api.send("GET", pathAndQuery + sep + "access_token=" + accessToken, null, null, null).statusCode();
    }

    @Test
    void aUrlCarriesATicketForOneMediaResourceNeverTheToken() throws Exception {
        assertThat(get(PLAYBACK + RANGE, admin)).as("the session token in a URL").isEqualTo(401);
        assertThat(get("/api/v1/cameras", admin)).as("any token on a route that is not media").isEqualTo(401);
        String ticket = ticket(admin, PLAYBACK);
        assertThat(ticket).startsWith("xlt_");
        assertThat(get(PLAYBACK + RANGE, ticket)).as("let in: nothing recorded").isEqualTo(404);
        assertThat(get("/api/v1/cameras/a1/playback.mp4" + RANGE, ticket)).as("another camera").isEqualTo(401);
        assertThat(get("/api/v1/cameras", ticket)).as("a route that is not media").isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/cameras", ticket, null, null).statusCode()).as("as a bearer token")
                .isEqualTo(401);
        String forged = ticket.substring(0, ticket.length() - 2) + (ticket.endsWith("A") ? "BB" : "AA");
        assertThat(get(PLAYBACK + RANGE, forged)).isEqualTo(401);
        api.expect(400, "POST", "/api/v1/tickets", admin, new JsonObject().put("path", "/api/v1/audit"));
        api.expect(400, "POST", "/api/v1/tickets", admin, new JsonObject().put("path", PLAYBACK + RANGE));
    }

    @Test
    void aTicketEndsWithItsSession() throws Exception {
        String session = api.login("admin", server.firstAdmin().orElseThrow().password());
        String ticket = ticket(session, PLAYBACK);
        assertThat(get(PLAYBACK + RANGE, ticket)).isEqualTo(404);
        api.expect(204, "DELETE", "/api/v1/auth/session", session, null);
        assertThat(get(PLAYBACK + RANGE, ticket)).isEqualTo(401);
    }

    @Test
    void noAnswerTellsTheNextSiteWhereItCameFrom() throws Exception {
        for (String path : new String[] {"/healthz", "/api/v1/cameras", "/no/such/path"}) {
            HttpResponse<String> r = api.send("GET", path, admin, null, null);
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void aTokenFasterThanItsRateIsAnswered429WithoutWorkOrAuditRecords() throws Exception {
        String flood = api.login("admin", server.firstAdmin().orElseThrow().password());
        String other = api.login("admin", server.firstAdmin().orElseThrow().password());
        api.expect(201, "POST", "/api/v1/users", other, new JsonObject().put("username", "aud")
                .put("password", "aud-password-long").put("roles", new io.vertx.core.json.JsonArray().add("auditor")));
        String auditor = api.login("aud", "aud-password-long");
        long before = auditRecords(auditor);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> r = api.send("GET", "/api/v1/cameras", flood, null, null);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 429) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        // A burst of 40 and one a second: the rest waits, whatever the loop's speed on this machine.
        assertThat(statuses.get(200)).as("%s", statuses).isBetween(40, 80);
        assertThat(statuses.get(429)).as("%s", statuses).isEqualTo(120 - statuses.get(200));
        long after = auditRecords(auditor);
        assertThat(after - before).as("only answered requests are audited").isEqualTo((long) statuses.get(200));
        api.expect(200, "GET", "/api/v1/cameras", other, null);
    }

    @Test
    void llHlsRequestsHaveARateOfTheirOwnThatAnExhaustedApiRateLeavesAlone() throws Exception {
        String wall = api.login("admin", server.firstAdmin().orElseThrow().password());
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            refused += api.send("GET", "/api/v1/cameras", wall, null, null).statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).as("the API rate is spent").isPositive();
        // A wall over LL-HLS reloads a playlist and fetches a part about every 0.25 s a camera: its own bucket (16
        // times the rate, the same burst) still answers. a1 does not stream here: 409, but not 429.
        for (int i = 0; i < 40; i++) {
            assertThat(api.send("GET", "/api/v1/cameras/a1/live/index.m3u8", wall, null, null).statusCode())
                    .as("playlist %d", i).isEqualTo(409);
        }
    }

    /** Audit records of camera listings so far. */
    private static long auditRecords(String auditor) throws Exception {
        return api.expect(200, "GET", "/api/v1/audit?action=GET%20/api/v1/cameras&limit=1000", auditor, null)
                .getJsonArray("items").stream().filter(o -> ((JsonObject) o).getString("action")
                        .equals("GET /api/v1/cameras")).count();
    }
}
