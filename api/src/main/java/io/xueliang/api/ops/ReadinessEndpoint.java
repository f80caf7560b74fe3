package io.xueliang.api.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.BlockingWork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /readyz}: 200 {@code {"status":"up","checks":{"storage":"up","ingest":"up"}}} when every
 * check is up, else 503 with the same shape naming those down, so that a load balancer stops
 * sending requests while storage or ingest is not working. Checks run on a worker.
 */
public final class ReadinessEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessEndpoint.class);

    private final List<ReadinessCheck> checks;
    private final BlockingWork work;

    public ReadinessEndpoint(List<ReadinessCheck> checks, BlockingWork work) {
        this.checks = List.copyOf(checks);
        this.work = work;
        if (this.checks.stream().map(ReadinessCheck::name).distinct().count() != this.checks.size()) {
            throw new IllegalArgumentException("readiness check names must be unique: " + checks);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        work.respond(ctx, this::evaluate, (c, states) -> {
            boolean up = states.values().stream().allMatch(Boolean::booleanValue);
            JsonObject checkStates = new JsonObject();
            states.forEach((name, state) -> checkStates.put(name, state ? "up" : "down"));
            c.response().setStatusCode(up ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("status", up ? "up" : "down").put("checks", checkStates).toBuffer());
        });
    }

    private Map<String, Boolean> evaluate() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            boolean up;
            try {
                up = check.up().getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warn("readiness check {} failed", check.name(), e);
                up = false;
            }
            states.put(check.name(), up);
        }
        return states;
    }
}
