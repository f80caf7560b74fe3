package io.xueliang.api.wall;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.wall.InvalidLayoutException;
import io.xueliang.storage.wall.TooManyLayoutsException;
import io.xueliang.storage.wall.WallLayout;
import io.xueliang.storage.wall.WallLayoutStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A user's saved video walls: {@code GET /layouts}, {@code PUT/DELETE /layouts/{name}}, for whoever may watch live
 * ({@link Permission#LIVE}). Each user sees and changes only their own (bound to the account's id, deleted with it). A
 * layout may name only cameras the user may see (404 naming none of the others); the list shows a camera the user no
 * longer may see as an empty tile. Changes are audited.
 */
public final class WallLayoutEndpoints {
    private static final String REFUSED = "wall layouts are for those who may watch live video";

    private final WallLayoutStore layouts;
    private final CameraRegistry cameras;
    private final AuditTrail audit;
    private final BlockingWork work;

    public WallLayoutEndpoints(WallLayoutStore layouts, CameraRegistry cameras, AuditTrail audit, BlockingWork work) {
        this.layouts = layouts;
        this.cameras = cameras;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listLayouts", this::list).handle("saveLayout", this::save)
                .handle("deleteLayout", this::delete);
    }

    private boolean sees(Principal who, String camera) {
        return cameras.get(CameraId.of(camera)).filter(r -> RegionScope.covers(who, r.camera().region())).isPresent();
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "GET /api/v1/layouts";
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, action, Map.of(), REFUSED);
            return;
        }
        work.respond(ctx, () -> {
            JsonArray items = new JsonArray();
            for (WallLayout l : layouts.list(who.userId())) {
                // A camera moved out of the user's regions since (or deleted) is an empty tile, not a name leaked.
                List<String> shown = new ArrayList<>();
                l.cameras().forEach(c -> shown.add(c != null && sees(who, c) ? c : null));
                items.add(new JsonObject().put("name", l.name()).put("size", l.size())
                        .put("cameras", new JsonArray(shown)).put("updated", l.updated().toString()));
            }
            return items;
        }, (c, items) -> audit.record(c, who, action, Map.of(), items.size(), 200)
                .onSuccess(v -> c.json(new JsonObject().put("items", items).putNull("next"))).onFailure(c::fail));
    }

    /** What a save came to: created (201), replaced (200), a camera the user may not see (404), or too many (409). */
    private enum Saved { CREATED, REPLACED, UNSEEN, TOO_MANY }

    private void save(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String name = ctx.pathParam("name");
        JsonObject b = ctx.body().asJsonObject();
        String action = "PUT /api/v1/layouts/{name}";
        List<String> ids = new ArrayList<>();
        b.getJsonArray("cameras").forEach(c -> ids.add((String) c));
        Map<String, String> params = new HashMap<>(Map.of("name", name, "size", String.valueOf(b.getInteger("size")),
                "cameras", String.join(",", ids.stream().map(c -> c == null ? "" : c).toList())));
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, REFUSED);
            return;
        }
        WallLayout layout;
        try {
            layout = new WallLayout(name, b.getInteger("size"), ids, null);
        } catch (InvalidLayoutException e) {
            throw ApiProblem.badRequest(e.field(), e.getMessage());
        }
        work.respond(ctx, () -> {
            for (String id : layout.namedCameras()) {
                if (!sees(who, id)) {
                    return Saved.UNSEEN;
                }
            }
            try {
                return layouts.save(who.userId(), layout).get(30, TimeUnit.SECONDS) ? Saved.CREATED : Saved.REPLACED;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TooManyLayoutsException) {
                    return Saved.TOO_MANY;
                }
                throw e;
            }
        }, (c, saved) -> {
            int status = switch (saved) {
                case CREATED -> 201;
                case REPLACED -> 200;
                case UNSEEN -> 404;
                case TOO_MANY -> 409;
            };
            audit.record(c, who, action, params, layout.namedCameras().size(), status).onSuccess(v -> {
                switch (saved) {
                    case UNSEEN -> c.fail(ApiProblem.notFound("a camera of the layout is not one you may see"));
                    case TOO_MANY -> c.fail(ApiProblem.conflict(new TooManyLayoutsException().getMessage()));
                    default -> c.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("name", layout.name()).put("size", layout.size())
                                    .put("cameras", new JsonArray(layout.cameras())).encode());
                }
            }).onFailure(c::fail);
        });
    }

    private void delete(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String name = ctx.pathParam("name");
        String action = "DELETE /api/v1/layouts/{name}";
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, action, Map.of("name", name), REFUSED);
            return;
        }
        work.respond(ctx, () -> layouts.delete(who.userId(), name).get(30, TimeUnit.SECONDS), (c, deleted) ->
                audit.record(c, who, action, Map.of("name", name), deleted ? 1 : 0, deleted ? 204 : 404)
                        .onSuccess(v -> {
                            if (deleted) {
                                c.response().setStatusCode(204).end();
                            } else {
                                c.fail(ApiProblem.notFound("no layout " + name));
                            }
                        }).onFailure(c::fail));
    }
}
