package io.xueliang.api.ops;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.xueliang.api.problem.ProblemFailureHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of issue 2: operations endpoints only, no contract. Replaced by
 * {@link io.xueliang.api.http.ApiServer}; it stays until the server module wires that instead.
 */
public final class OpsServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private OpsServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one) and waits until it does. */
    public static OpsServer start(String host, int port, OpsEndpoints endpoints, Duration timeout) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        endpoints.mount(router);
        router.route().failureHandler(new ProblemFailureHandler());
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new OpsServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
