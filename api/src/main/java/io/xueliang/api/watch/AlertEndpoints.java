package io.xueliang.api.watch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.reads.watch.AlertQuery;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.WatchStore;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stored alerts: {@code GET /alerts} (newest first, keyset-paged by alert id) and {@code POST /alerts/{id}/acknowledge},
 * for viewers, investigators and admins ({@link Permission#ALERTS}), for alerts of cameras within their regions as
 * they are now (anyone else's are not found). Both audited.
 */
public final class AlertEndpoints {
    private final WatchStore store;
    private final CameraRegistry cameras;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public AlertEndpoints(WatchStore store, CameraRegistry cameras, AuditTrail audit, BlockingWork work,
            InstantSource clock) {
        this.store = store;
        this.cameras = cameras;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("listAlerts", this::list).handle("acknowledgeAlert", this::acknowledge);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "GET /api/v1/alerts";
        Instant from = WatchJson.instant("from", ctx.queryParams().get("from"));
        Instant to = WatchJson.instant("to", ctx.queryParams().get("to"));
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiProblem.badRequest("to", "must be after from");
        }
        String ack = ctx.queryParams().get("acknowledged");
        Boolean acknowledged = ack == null ? null : Boolean.valueOf(ack);
        int limit = PageCursor.limit(ctx);
        String after = PageCursor.after(ctx);
        long before = after == null ? 0 : WholeNumbers.parse("cursor", after, 1, WholeNumbers.MAX_ID);
        Map<String, String> params = new HashMap<>();
        params.put("from", from == null ? null : from.toString());
        params.put("to", to == null ? null : to.toString());
        params.put("acknowledged", ack);
        params.put("limit", Integer.toString(limit));
        if (!Permission.ALERTS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "alerts are for viewers, investigators and admins");
            return;
        }
        work.respond(ctx, () -> store.alerts(new AlertQuery(from, to, WatchJson.visibleCameras(who, cameras),
                acknowledged, limit, before)), (c, page) -> {
                    JsonArray items = new JsonArray();
                    page.forEach(a -> items.add(WatchJson.alert(a)));
                    String next = page.size() < limit ? null : PageCursor.of(Long.toString(page.getLast().id()));
                    audit.record(c, who, action, params, items.size(), 200)
                            .onSuccess(v -> c.json(new JsonObject().put("items", items).put("next", next)))
                            .onFailure(c::fail);
                });
    }

    /** What an acknowledgement came to: the alert as acknowledged, or the alert found open no more, or none. */
    private record Acknowledged(Optional<PlateAlert> alert, boolean already) {
    }

    private void acknowledge(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "POST /api/v1/alerts/{alertId}/acknowledge";
        String id = ctx.pathParam("alertId");
        JsonObject b = ctx.body() == null || ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
        String note = b == null ? null : b.getString("note");
        Map<String, String> params = new HashMap<>();
        params.put("alertId", id);
        params.put("note", note);
        if (!Permission.ALERTS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "alerts are for viewers, investigators and admins");
            return;
        }
        long alertId = WholeNumbers.path(ctx, "alertId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> {
            Optional<PlateAlert> seen = store.alert(alertId).filter(a -> WatchJson.visibleCameras(who, cameras)
                    .contains(a.camera()));
            if (seen.isEmpty()) {
                return new Acknowledged(Optional.empty(), false);
            }
            Optional<PlateAlert> done = store.acknowledge(alertId, who.username(), clock.instant(), note);
            return done.isPresent() ? new Acknowledged(done, false) : new Acknowledged(seen, true);
        }, (c, result) -> {
            result.alert().ifPresent(a -> {
                params.put("plate", a.normalised());
                params.put("camera", a.camera().value());
                params.put("watchlistId", Long.toString(a.watchlistId()));
            });
            int status = result.alert().isEmpty() ? 404 : result.already() ? 409 : 200;
            audit.record(c, who, action, params, result.alert().isPresent() ? 1 : 0, status).onSuccess(v -> {
                if (status == 404) {
                    c.fail(ApiProblem.notFound("no alert " + id));
                } else if (status == 409) {
                    PlateAlert a = result.alert().get();
                    c.fail(ApiProblem.conflict("alert " + id + " was acknowledged by " + a.acknowledgedBy() + " at "
                            + a.acknowledgedAt()));
                } else {
                    c.json(WatchJson.alert(result.alert().get()));
                }
            }).onFailure(c::fail);
        });
    }
}
