package io.xueliang.api.ring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.reads.ReadAccess;
import io.xueliang.api.recordings.TimeRange;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.ring.BoundaryCheckpoint;
import io.xueliang.reads.ring.Crossing;
import io.xueliang.reads.ring.HourCount;
import io.xueliang.reads.ring.SqliteBoundaryRing;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The boundary ring: admins mark checkpoints ({@code PUT/DELETE /ring/checkpoints/{id}}) on cameras of their regions,
 * for a region within their regions; investigators and admins ask who entered or left a region through its ring
 * (crossings at the checkpoints they may see), who is still inside (only those who may see every checkpoint of the
 * ring: a leaving they could not see would otherwise leave a vehicle inside), and hourly counts. Questions about
 * vehicles need a case reference and purpose ({@link ReadAccess}); every call is audited.
 */
public final class RingEndpoints {
    /** Default look-back of "still inside". */
    static final int DEFAULT_LOOKBACK_DAYS = 30;

    private final CameraRegistry cameras;
    private final ReadAccess access;
    private final SqliteBoundaryRing ring;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public RingEndpoints(CameraRegistry cameras, ReadAccess access, SqliteBoundaryRing ring, AuditTrail audit,
            BlockingWork work, InstantSource clock) {
        this.cameras = cameras;
        this.access = access;
        this.ring = ring;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("listRingCheckpoints", this::list).handle("putRingCheckpoint", this::put)
                .handle("deleteRingCheckpoint", this::delete).handle("ringEntered", ctx -> crossings(ctx, true))
                .handle("ringLeft", ctx -> crossings(ctx, false)).handle("ringInside", this::inside)
                .handle("ringCounts", this::counts);
    }

    /** The cameras {@code who} may see: every camera, or those of their regions. */
    private CameraSet visible(Principal who) {
        return access.visible(who, null, List.of());
    }

    /** The {@code region} query parameter: levels joined by "/". */
    static List<String> region(RoutingContext ctx) {
        String text = ctx.queryParams().get("region");
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("region", "is required: the region's levels joined by '/', e.g. 湘潭县/易俗河镇");
        }
        List<String> levels = List.of(text.split("/", -1));
        if (levels.size() > BoundaryCheckpoint.MAX_REGION_DEPTH || levels.stream().anyMatch(String::isBlank)) {
            throw ApiProblem.badRequest("region", "1-" + BoundaryCheckpoint.MAX_REGION_DEPTH
                    + " non-empty levels joined by '/'");
        }
        return levels;
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        List<String> region = region(ctx);
        String action = "GET /api/v1/ring/checkpoints";
        Map<String, String> params = Map.of("region", String.join("/", region));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "the ring is for investigators and admins");
            return;
        }
        work.respond(ctx, () -> {
            CameraSet seen = visible(who);
            return ring.checkpoints(region).stream().filter(c -> seen.contains(c.camera())).toList();
        }, (c, checkpoints) -> {
            JsonArray items = new JsonArray();
            checkpoints.forEach(p -> items.add(json(p)));
            audit.record(c, who, action, params, items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items))).onFailure(c::fail);
        });
    }

    private void put(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        JsonObject b = ctx.body().asJsonObject();
        String action = "PUT /api/v1/ring/checkpoints/{id}";
        List<String> region = b.getJsonArray("region").stream().map(Object::toString).toList();
        Map<String, String> params = Map.of("camera", id, "region", String.join("/", region), "entering",
                b.getString("entering"), "leaving", b.getString("leaving"));
        if (!Permission.ADMINISTER.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "marking the ring needs the admin role");
            return;
        }
        if (!RegionScope.covers(who, region)) {
            audit.refuse(ctx, who, action, params, "the region " + String.join("/", region) + " is outside your regions");
            return;
        }
        BoundaryCheckpoint checkpoint;
        try {
            checkpoint = new BoundaryCheckpoint(CameraId.of(id), region,
                    PlateRead.Direction.valueOf(b.getString("entering")),
                    PlateRead.Direction.valueOf(b.getString("leaving")));
        } catch (IllegalArgumentException e) {
            throw badRequest(e);
        }
        work.respond(ctx, () -> {
            if (!visible(who).contains(checkpoint.camera()) || cameras.get(checkpoint.camera()).isEmpty()) {
                return Optional.<BoundaryCheckpoint>empty();
            }
            ring.put(checkpoint, who.username(), clock.instant()).get(30, TimeUnit.SECONDS);
            return Optional.of(checkpoint);
        }, (c, done) -> audit.record(c, who, action, params, done.isPresent() ? 1 : 0, done.isPresent() ? 200 : 404)
                .onSuccess(v -> {
                    if (done.isEmpty()) {
                        c.fail(ApiProblem.notFound("no camera " + id));
                    } else {
                        c.json(json(done.get()));
                    }
                }).onFailure(c::fail));
    }

    private void delete(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        String action = "DELETE /api/v1/ring/checkpoints/{id}";
        Map<String, String> params = Map.of("camera", id);
        if (!Permission.ADMINISTER.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "marking the ring needs the admin role");
            return;
        }
        work.respond(ctx, () -> visible(who).contains(CameraId.of(id))
                && ring.remove(CameraId.of(id)).get(30, TimeUnit.SECONDS), (c, removed) ->
                audit.record(c, who, action, params, removed ? 1 : 0, removed ? 204 : 404).onSuccess(v -> {
                    if (removed) {
                        c.response().setStatusCode(204).end();
                    } else {
                        c.fail(ApiProblem.notFound("camera " + id + " is no checkpoint of a ring"));
                    }
                }).onFailure(c::fail));
    }

    private void crossings(RoutingContext ctx, boolean entered) {
        Principal who = TokenAuthenticator.principal(ctx);
        List<String> region = region(ctx);
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"),
                SqliteBoundaryRing.MAX_WINDOW);
        int limit = PageCursor.limit(ctx);
        String action = "GET /api/v1/ring/" + (entered ? "entered" : "left");
        Map<String, String> params = new HashMap<>(Map.of("region", String.join("/", region), "from",
                range.from().toString(), "to", range.to().toString(), "limit", Integer.toString(limit)));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "the ring is for investigators and admins");
            return;
        }
        access.requirePurpose(ctx, who, true, params);
        work.respond(ctx, () -> {
            CameraSet seen = visible(who);
            return entered ? ring.entered(region, range.from(), range.to(), seen, limit)
                    : ring.left(region, range.from(), range.to(), seen, limit);
        }, (c, found) -> answer(c, who, action, params, found));
    }

    private void inside(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        List<String> region = region(ctx);
        String atText = ctx.queryParams().get("at");
        Instant at = atText == null ? clock.instant() : TimeRange.instant("at", atText);
        int lookbackDays = WholeNumbers.query(ctx, "lookbackDays", DEFAULT_LOOKBACK_DAYS, 1,
                (int) SqliteBoundaryRing.MAX_LOOKBACK.toDays());
        int limit = PageCursor.limit(ctx);
        String action = "GET /api/v1/ring/inside";
        Map<String, String> params = new HashMap<>(Map.of("region", String.join("/", region), "at", at.toString(),
                "lookbackDays", Integer.toString(lookbackDays), "limit", Integer.toString(limit)));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "the ring is for investigators and admins");
            return;
        }
        access.requirePurpose(ctx, who, true, params);
        work.respond(ctx, () -> {
            CameraSet seen = visible(who);
            Set<CameraId> hidden = ring.checkpoints(region).stream().map(BoundaryCheckpoint::camera)
                    .filter(c -> !seen.contains(c)).collect(Collectors.toSet());
            if (!hidden.isEmpty()) {
                return Optional.<List<Crossing>>empty();
            }
            return Optional.of(ring.stillInside(region, at, Duration.ofDays(lookbackDays), limit));
        }, (c, found) -> {
            if (found.isEmpty()) {
                audit.refuse(c, who, action, params, "who is still inside needs every checkpoint of the ring in your"
                        + " regions: a leaving you cannot see would keep a vehicle inside");
                return;
            }
            answer(c, who, action, params, found.get());
        });
    }

    private void counts(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        List<String> region = region(ctx);
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"),
                SqliteBoundaryRing.MAX_WINDOW);
        String action = "GET /api/v1/ring/counts";
        Map<String, String> params = Map.of("region", String.join("/", region), "from", range.from().toString(), "to",
                range.to().toString());
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "the ring is for investigators and admins");
            return;
        }
        work.respond(ctx, () -> {
            CameraSet seen = visible(who);
            return ring.hourly(region, range.from(), range.to()).stream().filter(h -> seen.contains(h.camera()))
                    .toList();
        }, (c, hours) -> {
            JsonArray items = new JsonArray();
            for (HourCount h : hours) {
                items.add(new JsonObject().put("camera", h.camera().value()).put("hour", h.hour().toString())
                        .put("in", h.in()).put("out", h.out()));
            }
            audit.record(c, who, action, params, items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items))).onFailure(c::fail);
        });
    }

    private void answer(RoutingContext c, Principal who, String action, Map<String, String> params,
            List<Crossing> found) {
        JsonArray items = new JsonArray();
        for (Crossing x : found) {
            items.add(new JsonObject().put("plate", x.plate()).put("time", x.time().toString())
                    .put("camera", x.camera().value()).put("read", x.read().toString())
                    .put("direction", x.entry() ? "in" : "out"));
        }
        Map<String, String> recorded = new HashMap<>(params);
        audit.record(c, who, action, recorded, items.size(), 200)
                .onSuccess(v -> c.json(new JsonObject().put("items", items))).onFailure(c::fail);
    }

    static JsonObject json(BoundaryCheckpoint p) {
        return new JsonObject().put("camera", p.camera().value()).put("region", new JsonArray(new ArrayList<>(p.region())))
                .put("entering", p.entering().name()).put("leaving", p.leaving().name());
    }

    /** The checkpoint's message starts with the field it is about ("leaving: ..."). */
    private static ApiProblem badRequest(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        String field = colon > 0 ? message.substring(0, colon).split(" ")[0] : "body";
        return ApiProblem.badRequest(field, colon > 0 ? message.substring(colon + 1).trim() : message);
    }
}
