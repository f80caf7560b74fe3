package io.xueliang.api.cameras;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraQuery;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /cameras}, {@code GET /cameras/{id}} and {@code GET /cameras/{id}/status}. A caller
 * sees only the cameras of its regions, in lists too; a camera outside them answers 404, exactly
 * like one that does not exist. Every answer is audited before it is sent.
 */
public final class CameraEndpoints {
    /** Registry pages read per answer at most when a status filter thins them out. */
    private static final int MAX_SCANNED_PAGES = 50;

    private final CameraRegistry registry;
    private final CameraHealthSource health;
    private final AuditTrail audit;
    private final BlockingWork work;

    public CameraEndpoints(CameraRegistry registry, CameraHealthSource health, AuditTrail audit, BlockingWork work) {
        this.registry = registry;
        this.health = health;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listCameras", this::list).handle("getCamera", this::get).handle("getCameraStatus", this::status);
    }

    private record Page(List<RegisteredCamera> items, String next) { }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        int limit = PageCursor.limit(ctx);
        String after = PageCursor.after(ctx);
        String region = ctx.request().getParam("region");
        String role = ctx.request().getParam("role");
        String status = ctx.request().getParam("status");
        boolean withStatus = "status".equals(ctx.request().getParam("include"));
        List<String> regionPath = region == null ? List.of() : List.of(region.split("/"));
        Map<CameraId, CameraState> states = new HashMap<>();
        Map<CameraId, CameraHealth> healths = new HashMap<>();
        if (status != null || withStatus) {
            health.cameraHealth().forEach(h -> {
                states.put(h.camera(), h.state());
                healths.put(h.camera(), h);
            });
        }
        Predicate<RegisteredCamera> visible = r -> RegionScope.covers(who, r.camera().region()) && matches(r, status, states);
        work.respond(ctx, () -> page(new CameraQuery(regionPath, role, limit, after), visible), (c, page) -> {
            JsonArray items = new JsonArray();
            page.items().forEach(r -> {
                JsonObject camera = CameraJson.camera(r);
                if (withStatus) {
                    CameraId id = r.camera().id();
                    camera.put("status", CameraJson.status(healths.getOrDefault(id, stopped(id))));
                }
                items.add(camera);
            });
            audit.record(c, who, "GET /api/v1/cameras", Map.of("region", String.valueOf(region),
                    "role", String.valueOf(role), "status", String.valueOf(status)), items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).put("next", page.next())))
                    .onFailure(c::fail);
        });
    }

    /** Fills a page with visible cameras, reading registry pages until full or exhausted. */
    private Page page(CameraQuery first, Predicate<RegisteredCamera> visible) {
        List<RegisteredCamera> out = new ArrayList<>();
        CameraQuery q = first;
        for (int scanned = 0; scanned < MAX_SCANNED_PAGES; scanned++) {
            List<RegisteredCamera> batch = registry.list(q);
            for (RegisteredCamera r : batch) {
                if (visible.test(r)) {
                    out.add(r);
                    if (out.size() == first.limit()) {
                        return new Page(out, PageCursor.of(r.camera().id().value()));
                    }
                }
            }
            if (batch.size() < q.limit()) {
                return new Page(out, null);
            }
            q = new CameraQuery(q.region(), q.role(), q.limit(), batch.get(batch.size() - 1).camera().id().value());
        }
        // Scanned enough for one answer: hand back what there is and where to go on.
        return new Page(out, PageCursor.of(q.after()));
    }

    private static boolean matches(RegisteredCamera r, String status, Map<CameraId, CameraState> states) {
        if (status == null) {
            return true;
        }
        CameraState state = states.getOrDefault(r.camera().id(), CameraState.STOPPED);
        return switch (status) {
            case "playing" -> state == CameraState.PLAYING;
            case "stopped" -> !r.camera().enabled();
            default -> r.camera().enabled() && state != CameraState.PLAYING; // down
        };
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        work.respond(ctx, () -> RegionScope.camera(registry, who, CameraId.of(id)),
                (c, found) -> audit.record(c, who, "GET /api/v1/cameras/{id}", Map.of("id", id), found.isPresent() ? 1 : 0,
                                found.isPresent() ? 200 : 404)
                        .onSuccess(v -> {
                            if (found.isEmpty()) {
                                c.fail(ApiProblem.notFound("no camera " + id));
                            } else {
                                c.json(CameraJson.camera(found.get()));
                            }
                        }).onFailure(c::fail));
    }

    private void status(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        work.respond(ctx, () -> RegionScope.camera(registry, who, CameraId.of(id)),
                (c, found) -> {
                    Optional<CameraHealth> h = found.flatMap(r -> health.cameraHealth(r.camera().id()));
                    audit.record(c, who, "GET /api/v1/cameras/{id}/status", Map.of("id", id), found.isPresent() ? 1 : 0,
                                    found.isPresent() ? 200 : 404)
                            .onSuccess(v -> {
                                if (found.isEmpty()) {
                                    c.fail(ApiProblem.notFound("no camera " + id));
                                } else {
                                    c.json(CameraJson.status(h.orElse(stopped(found.get().camera().id()))));
                                }
                            }).onFailure(c::fail);
                });
    }

    /** The health of a camera ingest has not started. */
    private static CameraHealth stopped(CameraId id) {
        return new CameraHealth(id, CameraState.STOPPED, 0, 0, 0, 0, null, null);
    }
}
