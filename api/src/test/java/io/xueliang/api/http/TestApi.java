package io.xueliang.api.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.api.ops.ReadinessCheck;
import io.xueliang.api.ops.ReadinessEndpoint;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.config.HttpConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server with the operations the api module has (ops) plus test handlers on a few camera and
 * user operations, so that validation, failures and limits are exercised over a real port. The
 * token "good" authenticates.
 */
final class TestApi implements AutoCloseable {
    static final String TOKEN = "good";

    final AtomicBoolean storageUp = new AtomicBoolean(true);
    final BlockingWork work = new BlockingWork("test-worker", 2, 64);
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TestApi(HttpConfig config) throws Exception {
        this(config, null);
    }

    /** @param staticFiles directory served at / for GET, or null for none */
    TestApi(HttpConfig config, Path staticFiles) throws Exception {
        ApiOperations ops = new ApiOperations();
        if (staticFiles != null) {
            ops.staticFiles(staticFiles);
        }
        new OpsEndpoints(new PrometheusRegistry(), List::of, "metrics-secret").register(ops);
        ops.handle("readyz", new ReadinessEndpoint(List.of(
                new ReadinessCheck("storage", storageUp::get), new ReadinessCheck("ingest", () -> true)), work));
        // Asynchronous, as a real one that looks the token up in storage is.
        ops.authenticator(ctx -> {
            String header = ctx.request().getHeader("Authorization");
            work.submit(() -> ("Bearer " + TOKEN).equals(header)).onSuccess(ok -> {
                if (ok) {
                    ctx.next();
                } else {
                    ctx.fail(ApiProblem.unauthorized("missing or unknown token"));
                }
            }).onFailure(ctx::fail);
        });
        ops.handle("listCameras", ctx -> work.respond(ctx, () -> Thread.currentThread().getName(), (c, thread) ->
                c.json(new JsonObject().put("items", List.of()).putNull("next")
                        .put("echo", new JsonObject()
                                .put("limit", c.queryParams().get("limit"))
                                .put("region", c.queryParams().get("region"))
                                .put("thread", thread)))));
        ops.handle("createCamera", ctx -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(ctx.body().asJsonObject().copy().put("echoed", true).toBuffer()));
        ops.handle("getCamera", TestApi::getCamera);
        ops.handle("importCameras", ctx -> ctx.json(new JsonObject()
                .put("created", ctx.body().asString().split("\n").length - 1).put("replaced", 0)));
        ops.handle("createUser", ctx -> ctx.fail(ApiProblem.conflict("user " + ctx.body().asJsonObject().getString("username") + " exists")));
        server = ApiServer.start(config, "127.0.0.1", ops, Duration.ofSeconds(30));
    }

    TestApi() throws Exception {
        this((Path) null);
    }

    TestApi(Path staticFiles) throws Exception {
        this(new HttpConfig(0, null, 64 * 1024, 8192, 4096, null, null), staticFiles);
    }

    private static void getCamera(RoutingContext ctx) {
        switch (ctx.pathParam("id")) {
            case "forbidden" -> throw ApiProblem.forbidden("camera forbidden is outside your regions");
            case "busy" -> throw ApiProblem.tooManyRequests(Duration.ofSeconds(7), "slow down");
            case "boom" -> throw new IllegalStateException("secret-internal-detail");
            default -> ctx.fail(ApiProblem.notFound("no camera " + ctx.pathParam("id")));
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + TOKEN).GET());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.close();
        work.close();
    }
}
