package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiServerTest {
    private static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new TestApi();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static JsonObject problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getInteger("status")).isEqualTo(status);
        assertThat(p.getString("type")).isEqualTo("about:blank");
        assertThat(p.getString("title")).isNotBlank();
        assertThat(p.getString("requestId")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        return p;
    }

    private static List<String> fields(JsonObject problem) {
        return problem.getJsonArray("errors", new JsonArray()).stream().map(e -> ((JsonObject) e).getString("field")).toList();
    }

    static Stream<Arguments> badRequests() {
        String camera = "/api/v1/cameras";
        return Stream.of(
                Arguments.of("GET", camera + "?limit=5000", null, "limit"),
                Arguments.of("GET", camera + "?limit=0", null, "limit"),
                Arguments.of("GET", camera + "?limit=abc", null, "limit"),
                Arguments.of("GET", camera + "?role=driver", null, "role"),
                Arguments.of("GET", camera + "?status=sleeping", null, "status"),
                Arguments.of("GET", camera + "?cursor=no%20spaces", null, "cursor"),
                Arguments.of("GET", camera + "/-starts-with-dash", null, "id"),
                Arguments.of("GET", camera + "/" + "x".repeat(65), null, "id"),
                Arguments.of("GET", camera + "/bad%20id", null, "id"),
                Arguments.of("GET", "/api/v1/audit?caseReference=", null, "caseReference"),
                Arguments.of("POST", camera, "{\"name\":\"x\",\"source\":\"rtsp://h/\"}", "id"),
                Arguments.of("POST", camera, "{\"id\":\"a\"}", "source"),
                Arguments.of("POST", camera, "{\"id\":\"a\",\"source\":\"rtsp://h/\",\"record\":\"yes\"}", "record"),
                Arguments.of("POST", camera, "{\"id\":\"a b\",\"source\":\"rtsp://h/\"}", "id"),
                Arguments.of("POST", camera, "{\"id\":\"a\",\"source\":\"http://h/\"}", "source"),
                Arguments.of("POST", camera, "{\"id\":\"a\",\"source\":\"rtsp://h/\",\"location\":{\"lat\":91,\"lon\":0}}", "location/lat"),
                Arguments.of("POST", camera, "{\"id\":\"a\",\"source\":\"rtsp://h/\",\"colour\":\"red\"}", "colour"),
                Arguments.of("POST", camera, "{\"id\":", "body"),
                Arguments.of("POST", camera, "[1,2]", "body"),
                Arguments.of("POST", "/api/v1/users", "{\"username\":\"u\",\"password\":\"long-enough-pass\",\"roles\":[\"boss\"]}", "roles/0"));
    }

    @ParameterizedTest(name = "{0} {1} -> 400 naming {3}")
    @MethodSource("badRequests")
    void requestThatBreaksTheContractGets400NamingTheField(String method, String path, String body, String field) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + TestApi.TOKEN);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        JsonObject p = problem(api.send(b), 400);

        assertThat(p.getString("title")).isEqualTo("Bad Request");
        assertThat(p.getString("instance")).isEqualTo(path.split("\\?")[0]);
        assertThat(fields(p)).contains(field);
        assertThat(p.getString("detail")).isNotBlank();
    }

    @Test
    void manyBadItemsAreReportedUpToTwenty() throws Exception {
        String regions = String.join(",", java.util.Collections.nCopies(200, "7"));
        JsonObject p = problem(api.post("/api/v1/users", "application/json",
                "{\"username\":\"ann\",\"password\":\"long-enough-pass\",\"roles\":[\"viewer\"],\"regions\":[" + regions + "]}"), 400);

        assertThat(fields(p)).hasSizeBetween(1, 20).allMatch(f -> f.startsWith("regions")).contains("regions/0");
    }

    @Test
    void validRequestReachesTheHandlerWhichRunsBlockingWorkOffTheEventLoop() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/cameras?limit=10&region=%E6%B9%98%E6%BD%AD%E5%8E%BF/%E6%98%93%E4%BF%97%E6%B2%B3%E9%95%87");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject echo = new JsonObject(r.body()).getJsonObject("echo");
        assertThat(echo.getString("limit")).isEqualTo("10");
        assertThat(echo.getString("region")).isEqualTo("湘潭县/易俗河镇");
        assertThat(echo.getString("thread")).startsWith("test-worker-");
    }

    @Test
    void validBodyReachesTheHandler() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/cameras", "application/json",
                "{\"id\":\"43032100001210000001\",\"source\":\"rtsp://admin:pw@10.0.0.5/ch1\",\"region\":[\"湘潭县\"],"
                        + "\"location\":{\"lat\":27.78,\"lon\":112.95},\"transport\":\"udp\",\"plates\":true}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(new JsonObject(r.body()).getBoolean("echoed")).isTrue();
    }

    @Test
    void unknownRouteIs404ProblemAndWrongMethod405() throws Exception {
        JsonObject p = problem(api.get("/api/v1/nothing-here"), 404);
        assertThat(p.getString("instance")).isEqualTo("/api/v1/nothing-here");

        problem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/regions")).header("Authorization", "Bearer good")
                .method("PATCH", HttpRequest.BodyPublishers.noBody())), 405);
    }

    @Test
    void tooLargeBodyIs413Problem() throws Exception {
        String big = "{\"id\":\"a\",\"source\":\"rtsp://h/\",\"direction\":\"" + "x".repeat(70 * 1024) + "\"}";
        JsonObject p = problem(api.post("/api/v1/cameras", "application/json", big), 413);
        assertThat(p.getString("title")).isEqualTo("Content Too Large");
    }

    @Test
    void handlerProblemsMapToTheirStatusAndHeaders() throws Exception {
        JsonObject forbidden = problem(api.get("/api/v1/cameras/forbidden"), 403);
        assertThat(forbidden.getString("title")).isEqualTo("Forbidden");
        assertThat(forbidden.getString("detail")).isEqualTo("camera forbidden is outside your regions");

        HttpResponse<String> busy = api.get("/api/v1/cameras/busy");
        problem(busy, 429);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("7");

        problem(api.get("/api/v1/cameras/nope"), 404);
        problem(api.post("/api/v1/users", "application/json",
                "{\"username\":\"ann\",\"password\":\"long-enough-pass\",\"roles\":[\"viewer\"]}"), 409);
    }

    @Test
    void unexpectedExceptionIs500ProblemWithoutStackTraceOrMessage() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/cameras/boom");
        JsonObject p = problem(r, 500);

        assertThat(p.getString("title")).isEqualTo("Internal Server Error");
        assertThat(r.body()).doesNotContain("secret-internal-detail", "IllegalStateException", "at io.", "java.");
        assertThat(p.getString("detail")).contains(p.getString("requestId"));
    }

    @Test
    void everyRouteButHealthzAndLoginNeedsTheBearerTokenWhichIsCheckedBeforeValidation() throws Exception {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/cameras?limit=5000")).GET());
        problem(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        problem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/cameras/a")).header("Authorization", "Bearer bad").GET()), 401);
        problem(api.send(HttpRequest.newBuilder(api.uri("/readyz")).GET()), 401);

        assertThat(api.send(HttpRequest.newBuilder(api.uri("/healthz")).GET()).statusCode()).isEqualTo(200);
        // login is open; it has no handler in this build
        problem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"a\",\"password\":\"b\"}"))), 501);
    }

    @Test
    void metricsHasItsOwnToken() throws Exception {
        HttpResponse<String> none = api.send(HttpRequest.newBuilder(api.uri("/metrics")).GET());
        problem(none, 401);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/metrics")).header("Authorization", "Bearer metrics-secret").GET())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void readyzIs503NamingTheCheckThatIsDown() throws Exception {
        HttpResponse<String> up = api.get("/readyz");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(up.body())).isEqualTo(new JsonObject("{\"status\":\"up\",\"checks\":{\"storage\":\"up\",\"ingest\":\"up\"}}"));

        api.storageUp.set(false);
        try {
            HttpResponse<String> down = api.get("/readyz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(down.body())).isEqualTo(
                    new JsonObject("{\"status\":\"down\",\"checks\":{\"storage\":\"down\",\"ingest\":\"up\"}}"));
        } finally {
            api.storageUp.set(true);
        }
    }

    @Test
    void csvImportChecksItsContentTypeSinceTheValidatorCannot() throws Exception {
        HttpResponse<String> ok = api.post("/api/v1/cameras:import", "text/csv; charset=utf-8", "id,source\na,rtsp://h/\nb,rtsp://h/\n");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(new JsonObject(ok.body()).getInteger("created")).isEqualTo(2);

        problem(api.post("/api/v1/cameras:import", "application/json", "{}"), 415);
        problem(api.post("/api/v1/cameras:import", "text/csv", ""), 400);
    }

    @Test
    void oversizedHeaderAndRequestLineAreRefusedByTheCodec() throws Exception {
        HttpResponse<String> header = api.send(HttpRequest.newBuilder(api.uri("/healthz")).header("X-Big", "h".repeat(9000)).GET());
        assertThat(header.statusCode()).isEqualTo(431);

        HttpResponse<String> line = api.send(HttpRequest.newBuilder(api.uri("/api/v1/cameras?region=" + "r".repeat(5000))).GET());
        assertThat(line.statusCode()).isEqualTo(414);
    }
}
