package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.TestReads;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plate reads through the whole server: search (exact, wildcard, partial, fuzzy), one read and its images, a
 * plate's trajectory, who may see what (township 镇1 holds cameras a1 and a2, 镇2 holds b1), case references and
 * the audit trail, and bad parameters. Reads go in through the server's own store.
 */
class ApiReadsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final String WINDOW = "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";
    private static final String CASE = "caseReference=case-11&purpose=" + enc("stolen vehicle");
    private static final JsonArray TOWN_A = new JsonArray().add(new JsonArray(List.of("县", "镇1")));
    private static final JsonArray TOWN_B = new JsonArray().add(new JsonArray(List.of("县", "镇2")));

    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static String investigator;
    private static String investigatorA;
    private static String investigatorB;
    private static String viewerA;
    private static String auditor;
    /** 湘A12345 at a2 (north), a1 (11.1 km south, 10 minutes later), b1 (89 km further south, 10 minutes later). */
    private static final List<PlateRead> JOURNEY = List.of(
            read("a2", T0, "湘A·12345"),
            read("a1", T0.plus(Duration.ofMinutes(10)), "湘A·12345"),
            read("b1", T0.plus(Duration.ofMinutes(20)), "湘A·12345"));
    private static final PlateRead ONLY_IN_B = read("b1", T0.plusSeconds(30), "湘B·66666");
    private static final PlateRead CLIMBER = new PlateRead(UUID.randomUUID(), new CameraId("a1"), T0.plusSeconds(40),
            "湘C88888", "湘C88888", "blue", "BLUE", 0.9, List.of(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
            new PlateRead.Box(1, 2, 3, 4), 1, PlateRead.Direction.RECEDING, 3, "../../xueliang.db", "a1/../../../etc");

    private static PlateRead read(String camera, Instant time, String plate) {
        return TestReads.read(camera, time, plate);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() throws Exception {
        Path root = tmp.resolve("data");
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                reads: { maxSearchDays: 7, caseReferenceOptionalFor: [admin] }
                cameras:
                  - { id: a1, name: 镇1南卡口, region: [县, 镇1], location: { lat: 27.8, lon: 112.9 }, source: "rtsp://10.0.0.1/a1" }
                  - { id: a2, name: 镇1北卡口, region: [县, 镇1], location: { lat: 27.9, lon: 112.9 }, source: "rtsp://10.0.0.1/a2" }
                  - { id: b1, name: 镇2卡口, region: [县, 镇2], location: { lat: 27.0, lon: 112.9 }, source: "rtsp://10.0.0.2/b1" }
                """.formatted(root);
        server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        investigator = user("inv", "investigator", null);
        investigatorA = user("inv.a", "investigator", TOWN_A);
        investigatorB = user("inv.b", "investigator", TOWN_B);
        viewerA = user("viewer.a", "viewer", TOWN_A);
        auditor = user("auditor", "auditor", null);

        List<PlateRead> reads = new ArrayList<>(JOURNEY);
        reads.add(ONLY_IN_B);
        reads.add(CLIMBER);
        reads.add(read("a1", T0.plusSeconds(50), "湘A12845"));
        reads.add(read("a1", T0.plusSeconds(60), "湘F11370"));
        server.readStore().insert(reads).get();
        // TestReads names its crops plates/<camera>/crop.jpg, under the plate image store <storage.root>/plates.
        for (String camera : List.of("a1", "a2", "b1")) {
            Path crop = root.resolve("plates").resolve("plates").resolve(camera);
            Files.createDirectories(crop);
            Files.write(crop.resolve("crop.jpg"), ("jpeg of " + camera).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String name, String role, JsonArray regions) throws Exception {
        JsonObject u = new JsonObject().put("username", name).put("password", name + "-password-long")
                .put("roles", new JsonArray(List.of(role)));
        if (regions != null) {
            u.put("regions", regions);
        }
        api.expect(201, "POST", "/api/v1/users", admin, u);
        return api.login(name, name + "-password-long");
    }

    private static List<String> cameras(JsonObject page) {
        return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("camera")).toList();
    }

    private static List<String> plates(JsonObject page) {
        return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("plate")).toList();
    }

    private static String badField(String token, String path) throws Exception {
        HttpResponse<String> r = api.send("GET", path, token, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field");
    }

    @Test
    void aTownshipInvestigatorNeverSeesAnotherTownshipsReadsImagesOrTrajectory() throws Exception {
        assertThat(cameras(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&" + CASE, investigatorA, null)))
                .isNotEmpty().doesNotContain("b1");
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘B66666"), investigatorA, null)
                .getJsonArray("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&camera=b1&" + CASE, investigatorA, null)
                .getJsonArray("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&region=" + enc("县/镇2") + "&" + CASE,
                investigatorA, null).getJsonArray("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&match=fuzzy&plate=" + enc("湘B66G66") + "&"
                + CASE, investigatorA, null).getJsonArray("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&match=partial&plate=6666&" + CASE,
                investigatorA, null).getJsonArray("items")).isEmpty();
        String inB = ONLY_IN_B.id().toString();
        api.expect(404, "GET", "/api/v1/reads/" + inB, investigatorA, null);
        api.expect(404, "GET", "/api/v1/reads/" + inB + "/plate.jpg?" + CASE, investigatorA, null);
        api.expect(404, "GET", "/api/v1/reads/" + inB + "/overview.jpg?" + CASE, investigatorA, null);
        JsonObject seenByA = api.expect(200, "GET", "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + WINDOW + "&"
                + CASE, investigatorA, null);
        assertThat(seenByA.getJsonArray("sightings").stream().map(o -> ((JsonObject) o).getString("camera")).toList())
                .containsExactly("a2", "a1");
        JsonObject geo = api.expect(200, "GET", "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + WINDOW + "&"
                + CASE + "&format=geojson", investigatorA, null);
        assertThat(geo.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties"))
                .filter(p -> p.containsKey("camera")).map(p -> p.getString("camera")).toList())
                .containsExactly("a2", "a1");
        assertThat(geo.encode()).doesNotContain("镇2");

        // The other township sees its own, and nothing of the first.
        assertThat(cameras(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&" + CASE, investigatorB, null)))
                .isNotEmpty().containsOnly("b1");
        api.expect(200, "GET", "/api/v1/reads/" + inB, investigatorB, null);
        api.expect(404, "GET", "/api/v1/reads/" + JOURNEY.get(0).id(), investigatorB, null);
    }

    @Test
    void viewersAreRefusedEverythingAndTheRefusalIsOnRecord() throws Exception {
        String id = JOURNEY.get(0).id().toString();
        for (String path : List.of("/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A12345"), "/api/v1/reads/" + id,
                "/api/v1/reads/" + id + "/plate.jpg?" + CASE, "/api/v1/reads/" + id + "/overview.jpg?" + CASE,
                "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + WINDOW + "&" + CASE)) {
            api.expect(403, "GET", path, viewerA, null);
        }
        JsonArray refused = api.expect(200, "GET", "/api/v1/audit?actor=viewer.a&action=" + enc("GET /api/v1/"),
                auditor, null).getJsonArray("items");
        assertThat(refused.stream().map(o -> ((JsonObject) o).getInteger("status")).toList()).hasSize(5)
                .containsOnly(403);
    }

    @Test
    void searchesBeyondOneExactPlateTrajectoriesAndImagesNeedACaseReferenceAndAreAudited() throws Exception {
        String plate = enc("湘A12345");
        assertThat(badField(investigator, "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A1*"))).isEqualTo("caseReference");
        assertThat(badField(investigator, "/api/v1/reads?" + WINDOW)).isEqualTo("caseReference");
        assertThat(badField(investigator, "/api/v1/reads?" + WINDOW + "&match=fuzzy&plate=" + plate))
                .isEqualTo("caseReference");
        assertThat(badField(investigator, "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A1*") + "&caseReference=c1"))
                .isEqualTo("purpose");
        assertThat(badField(investigator, "/api/v1/plates/" + plate + "/trajectory?" + WINDOW)).isEqualTo("caseReference");
        assertThat(badField(investigator, "/api/v1/reads/" + JOURNEY.get(0).id() + "/plate.jpg"))
                .isEqualTo("caseReference");
        // One exact plate, or one read's record, is a lookup, not a trawl.
        assertThat(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + plate, investigator, null)
                .getJsonArray("items")).hasSize(3);
        // reads.caseReferenceOptionalFor: [admin] here.
        api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A1*"), admin, null);

        JsonObject page = api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A1*")
                + "&caseReference=case-audit&purpose=tracing", investigator, null);
        assertThat(plates(page)).containsOnly("湘A12345", "湘A12845").hasSize(4);
        api.send("GET", "/api/v1/plates/" + plate + "/trajectory?" + WINDOW + "&caseReference=case-audit", investigator,
                null); // header-less purpose: refused, not recorded
        HttpResponse<String> viaHeaders = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.httpPort() + "/api/v1/plates/" + plate + "/trajectory?" + WINDOW))
                .header("Authorization", "Bearer " + investigator).header("X-Case-Reference", "case-audit")
                .header("X-Purpose", "tracing").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaHeaders.statusCode()).as(viaHeaders.body()).isEqualTo(200);

        JsonArray records = api.expect(200, "GET", "/api/v1/audit?caseReference=case-audit", auditor, null)
                .getJsonArray("items");
        assertThat(records).hasSize(2);
        JsonObject trajectory = records.getJsonObject(0);
        assertThat(trajectory.getString("action")).isEqualTo("GET /api/v1/plates/{plate}/trajectory");
        assertThat(trajectory.getString("purpose")).isEqualTo("tracing");
        assertThat(trajectory.getInteger("resultCount")).isEqualTo(3);
        assertThat(trajectory.getJsonObject("parameters").getString("plate")).isEqualTo("湘A12345");
        assertThat(trajectory.getJsonObject("parameters").getString("clonedJumps")).isEqualTo("1");
        JsonObject search = records.getJsonObject(1);
        assertThat(search.getString("action")).isEqualTo("GET /api/v1/reads");
        assertThat(search.getInteger("resultCount")).isEqualTo(4);
        assertThat(search.getJsonObject("parameters").getMap()).containsEntry("plate", "湘A1*")
                .containsEntry("match", "exact").containsEntry("from", "2026-12-01T00:00:00Z")
                .containsEntry("caseReference", "case-audit").containsEntry("purpose", "tracing");
    }

    @Test
    void badParametersAre400NamingTheField() throws Exception {
        String reads = "/api/v1/reads?" + CASE + "&";
        assertThat(badField(investigator, reads + "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")).isEqualTo("to");
        assertThat(badField(investigator, reads + "from=2026-12-01T00:00:00Z&to=2026-12-09T00:00:00Z"))
                .as("over reads.maxSearchDays").isEqualTo("to");
        assertThat(badField(investigator, reads + "to=2026-12-01T00:00:00Z")).isEqualTo("from");
        assertThat(badField(investigator, reads + WINDOW + "&plate=" + enc("湘A%12"))).isEqualTo("plate");
        assertThat(badField(investigator, reads + WINDOW + "&plate=" + enc("***"))).isEqualTo("plate");
        assertThat(badField(investigator, reads + WINDOW + "&match=fuzzy&plate=A12")).isEqualTo("plate");
        assertThat(badField(investigator, reads + WINDOW + "&match=fuzzy")).isEqualTo("plate");
        assertThat(badField(investigator, reads + WINDOW + "&match=soundex&plate=A12")).isEqualTo("match");
        assertThat(badField(investigator, reads + WINDOW + "&color=purple")).isEqualTo("color");
        assertThat(badField(investigator, reads + WINDOW + "&direction=sideways")).isEqualTo("direction");
        assertThat(badField(investigator, reads + WINDOW + "&limit=0")).isEqualTo("limit");
        assertThat(badField(investigator, reads + WINDOW + "&limit=1001")).isEqualTo("limit");
        assertThat(badField(investigator, reads + WINDOW + "&cursor=bm90LWEtY3Vyc29y")).isEqualTo("cursor");
        assertThat(badField(investigator, reads + WINDOW + "&match=fuzzy&plate=" + enc("湘A12345")
                + "&cursor=MTc2NDU3NjAwMDAwMDAwMDox")).as("a time cursor given to fuzzy").isEqualTo("cursor");
        assertThat(badField(investigator, "/api/v1/plates/" + enc("湘A1*") + "/trajectory?" + WINDOW + "&" + CASE))
                .isEqualTo("plate");
        assertThat(badField(investigator, "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + CASE
                + "&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")).isEqualTo("to");
        assertThat(badField(investigator, "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + WINDOW + "&" + CASE
                + "&format=kml")).isEqualTo("format");
        assertThat(badField(investigator, "/api/v1/reads/not-a-uuid")).isEqualTo("readId");
    }

    @Test
    void aTrajectoryAcrossCamerasInOrderWithSpeedsAndTheImpossibleJumpFlagged() throws Exception {
        JsonObject t = api.expect(200, "GET", "/api/v1/plates/" + enc("湘A·12345") + "/trajectory?" + WINDOW + "&"
                + CASE, investigator, null);
        assertThat(t.getString("plate")).isEqualTo("湘A12345");
        JsonArray s = t.getJsonArray("sightings");
        assertThat(s.stream().map(o -> ((JsonObject) o).getString("camera")).toList()).containsExactly("a2", "a1", "b1");
        assertThat(s.getJsonObject(0).getString("cameraName")).isEqualTo("镇1北卡口");
        assertThat(s.getJsonObject(0).getJsonArray("region").getList()).containsExactly("县", "镇1");
        assertThat(s.getJsonObject(0).getJsonObject("location").getDouble("lat")).isEqualTo(27.9);
        assertThat(s.getJsonObject(0).getValue("speedKmh")).isNull();
        assertThat(s.getJsonObject(1).getDouble("speedKmh")).isEqualTo(66.7); // 11.12 km in 10 minutes
        assertThat(s.getJsonObject(1).getBoolean("cloned")).isFalse();
        assertThat(s.getJsonObject(2).getDouble("speedKmh")).isEqualTo(533.7); // 88.96 km in 10 minutes
        assertThat(s.getJsonObject(2).getBoolean("cloned")).isTrue();
        assertThat(t.getLong("clonedJumps")).isEqualTo(1);
        assertThat(t.getBoolean("truncated")).isFalse();

        HttpResponse<String> r = api.send("GET", "/api/v1/plates/" + enc("湘A12345") + "/trajectory?" + WINDOW + "&"
                + CASE + "&format=geojson", investigator, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonObject geo = new JsonObject(r.body());
        assertThat(geo.getString("type")).isEqualTo("FeatureCollection");
        JsonArray features = geo.getJsonArray("features");
        assertThat(features).hasSize(4);
        JsonObject line = features.getJsonObject(0).getJsonObject("geometry");
        assertThat(line.getString("type")).isEqualTo("LineString");
        assertThat(line.getJsonArray("coordinates").encode())
                .isEqualTo("[[112.9,27.9],[112.9,27.8],[112.9,27.0]]"); // lon, lat (RFC 7946)
        for (int i = 1; i < 4; i++) {
            JsonObject point = features.getJsonObject(i);
            assertThat(point.getString("type")).isEqualTo("Feature");
            assertThat(point.getJsonObject("geometry").getString("type")).isEqualTo("Point");
            assertThat(point.getJsonObject("properties").getString("camera")).isEqualTo(List.of("a2", "a1", "b1")
                    .get(i - 1));
        }
        assertThat(features.getJsonObject(3).getJsonObject("properties").getBoolean("cloned")).isTrue();
    }

    @Test
    void exactWildcardPartialAndFuzzySearchFindTheirPlates() throws Exception {
        assertThat(plates(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘a·12345"),
                investigator, null))).containsExactly("湘A12345", "湘A12345", "湘A12345");
        assertThat(new HashSet<>(plates(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&plate=" + enc("湘A12?45")
                + "&" + CASE, investigator, null)))).containsExactlyInAnyOrder("湘A12345", "湘A12845");
        assertThat(new HashSet<>(plates(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&match=partial&plate="
                + enc("F·113") + "&" + CASE, investigator, null)))).containsExactly("湘F11370");
        JsonObject fuzzy = api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&match=fuzzy&plate=" + enc("F1I37O")
                + "&" + CASE, investigator, null);
        assertThat(plates(fuzzy)).containsExactly("湘F11370");
        assertThat(fuzzy.getJsonArray("items").getJsonObject(0).getDouble("score")).isEqualTo(0.6);
        JsonObject near = api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&match=fuzzy&plate=" + enc("湘A12B45")
                + "&" + CASE, investigator, null);
        assertThat(plates(near).getFirst()).isEqualTo("湘A12845");
        assertThat(plates(near)).contains("湘A12345");
        assertThat(plates(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&color=yellow&" + CASE, investigator,
                null))).isEmpty();
        assertThat(plates(api.expect(200, "GET", "/api/v1/reads?" + WINDOW + "&direction=receding&" + CASE,
                investigator, null))).containsExactly("湘C88888");
    }

    @Test
    void pagingNeverSkipsOrRepeatsAReadWhateverIsStoredMeanwhile() throws Exception {
        Instant day = Instant.parse("2026-12-05T00:00:00Z");
        List<PlateRead> reads = new ArrayList<>();
        for (int i = 0; i < 230; i++) { // many share an instant: the keyset's seq breaks ties
            reads.add(read(i % 2 == 0 ? "a1" : "b1", day.plusSeconds(i / 4), "湘D" + (50000 + i)));
        }
        server.readStore().insert(reads).get();
        String window = "from=2026-12-05T00:00:00Z&to=2026-12-06T00:00:00Z&limit=17&" + CASE;
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.expect(200, "GET", "/api/v1/reads?" + window + (cursor == null ? "" : "&cursor="
                    + cursor), investigator, null);
            page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("id")));
            cursor = page.getString("next");
            if (pages == 2) { // newer and older reads arriving meanwhile: neither skips nor repeats the rest
                server.readStore().insert(List.of(read("a1", day.plusSeconds(3600), "湘D99999"))).get();
            }
            pages++;
        } while (cursor != null);
        Set<String> expected = new HashSet<>();
        reads.forEach(r -> expected.add(r.id().toString()));
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(pages).isEqualTo(14);

        List<String> inA = new ArrayList<>();
        cursor = null;
        do {
            JsonObject page = api.expect(200, "GET", "/api/v1/reads?" + window + (cursor == null ? "" : "&cursor="
                    + cursor), investigatorA, null);
            page.getJsonArray("items").forEach(o -> inA.add(((JsonObject) o).getString("camera")));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(inA).as("a1's 115 and the one stored meanwhile").hasSize(116).containsOnly("a1");
    }

    @Test
    void aReadAndItsImagesAndNoImageOutsideTheImageStore() throws Exception {
        PlateRead first = JOURNEY.get(0);
        JsonObject read = api.expect(200, "GET", "/api/v1/reads/" + first.id(), investigator, null);
        assertThat(read.getString("plate")).isEqualTo("湘A12345");
        assertThat(read.getString("plateText")).isEqualTo("湘A·12345");
        assertThat(read.getString("camera")).isEqualTo("a2");
        assertThat(read.getString("direction")).isEqualTo("approaching");
        assertThat(read.getJsonObject("images").getString("plate")).isEqualTo("/api/v1/reads/" + first.id()
                + "/plate.jpg");
        HttpResponse<String> jpeg = api.send("GET", "/api/v1/reads/" + first.id() + "/plate.jpg?" + CASE, investigator,
                null);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.body()).isEqualTo("jpeg of a2");
        api.expect(404, "GET", "/api/v1/reads/" + first.id() + "/overview.jpg?" + CASE, investigator, null);
        api.expect(404, "GET", "/api/v1/reads/" + CLIMBER.id() + "/plate.jpg?" + CASE, admin, null);
        api.expect(404, "GET", "/api/v1/reads/" + CLIMBER.id() + "/overview.jpg?" + CASE, admin, null);
        api.expect(404, "GET", "/api/v1/reads/" + UUID.randomUUID(), investigator, null);
    }

    @Test
    void anImageElementLoadsAReadsPictureWithATicketForThatPictureOnly() throws Exception {
        // <img src> sends no header: the URL carries a ticket for one picture, the case and purpose as parameters.
        String plate = "/api/v1/reads/" + JOURNEY.get(0).id() + "/plate.jpg";
        String ticket = api.expect(201, "POST", "/api/v1/tickets", investigator, new JsonObject().put("path", plate))
                .getString("ticket");
        HttpResponse<String> jpeg = api.send("GET", plate + "?" + CASE + "&access_token=" + ticket, null, null);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.body()).isEqualTo("jpeg of a2");
        assertThat(api.send("GET", plate + "?access_token=" + ticket, null, null).body()).as("still needs the case")
                .contains("caseReference");
        String other = "/api/v1/reads/" + JOURNEY.get(1).id() + "/plate.jpg?" + CASE + "&access_token=" + ticket;
        assertThat(api.send("GET", other, null, null).statusCode()).as("another read's picture").isEqualTo(401);
        assertThat(api.send("GET", plate.replace("plate.jpg", "overview.jpg") + "?" + CASE + "&access_token=" + ticket,
                null, null).statusCode()).as("the read's other picture").isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/reads/" + JOURNEY.get(0).id() + "?access_token=" + ticket, null, null)
                .statusCode()).as("the read itself is not media").isEqualTo(401);
        api.expect(400, "POST", "/api/v1/tickets", investigator, new JsonObject().put("path", "/api/v1/reads/"
                + JOURNEY.get(0).id()));
        // The ticket carries the token's rights, checked at use: a picture outside the caller's regions stays hidden.
        String inB = "/api/v1/reads/" + ONLY_IN_B.id() + "/plate.jpg";
        String ticketA = api.expect(201, "POST", "/api/v1/tickets", investigatorA, new JsonObject().put("path", inB))
                .getString("ticket");
        assertThat(api.send("GET", inB + "?" + CASE + "&access_token=" + ticketA, null, null).statusCode())
                .isEqualTo(404);
    }
}
