package io.xueliang.api.recordings;

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
import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.recording.EvidenceHold;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Evidence holds: {@code POST /holds} (investigators and admins, on cameras in their regions) keeps a camera's
 * footage over a time range from retention and the free-space floor; {@code GET /holds} lists them;
 * {@code DELETE /holds/{holdId}} releases one (admins only: letting evidence go is an administrative act). All
 * audited, with the case reference.
 */
public final class HoldEndpoints {
    /** Longest range one hold covers; a case needing more places several, each on the record. */
    static final Duration MAX_SPAN = Duration.ofDays(31);

    private final CameraRegistry cameras;
    private final RecordingIndex index;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public HoldEndpoints(CameraRegistry cameras, RecordingIndex index, AuditTrail audit, BlockingWork work,
            InstantSource clock) {
        this.cameras = cameras;
        this.index = index;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("createHold", this::create).handle("listHolds", this::list).handle("releaseHold", this::release);
    }

    private boolean visible(Principal who, CameraId camera) {
        return cameras.get(camera).map(RegisteredCamera::camera).filter(c -> RegionScope.covers(who, c.region()))
                .isPresent();
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject();
        String camera = b.getString("camera");
        String caseReference = b.getString("caseReference");
        String action = "POST /api/v1/holds";
        TimeRange range = TimeRange.of(b.getString("from"), b.getString("to"), MAX_SPAN);
        Map<String, String> params = Map.of("camera", camera, "from", range.from().toString(), "to",
                range.to().toString(), "caseReference", caseReference);
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "holds need the investigator or admin role");
            return;
        }
        work.respond(ctx, () -> {
            if (!visible(who, CameraId.of(camera))) {
                return Optional.<EvidenceHold>empty();
            }
            return Optional.of(index.hold(CameraId.of(camera), range.from(), range.to(), caseReference,
                    b.getString("reason"), who.username(), clock.instant()).get(30, TimeUnit.SECONDS));
        }, (c, hold) -> {
            Map<String, String> recorded = new HashMap<>(params);
            hold.ifPresent(h -> recorded.put("holdId", Long.toString(h.id())));
            audit.record(c, who, action, recorded, hold.isPresent() ? 1 : 0, hold.isPresent() ? 201 : 404)
                    .onSuccess(v -> {
                        if (hold.isEmpty()) {
                            c.fail(ApiProblem.notFound("no camera " + camera));
                        } else {
                            c.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                                    .end(json(hold.get()).encode());
                        }
                    }).onFailure(c::fail);
        });
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String camera = ctx.queryParams().get("camera");
        boolean activeOnly = !"false".equals(ctx.queryParams().get("active"));
        int limit = PageCursor.limit(ctx);
        String action = "GET /api/v1/holds";
        Map<String, String> params = new HashMap<>();
        params.put("active", Boolean.toString(activeOnly));
        if (camera != null) {
            params.put("camera", camera);
        }
        if (!Permission.LIST_HOLDS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "holds are for investigators, admins and auditors");
            return;
        }
        work.respond(ctx, () -> {
            List<EvidenceHold> holds = index.holds(camera == null ? null : CameraId.of(camera), activeOnly,
                    RecordingIndex.MAX_ROWS);
            return holds.stream().filter(h -> who.unrestricted() || visible(who, h.camera())).limit(limit).toList();
        }, (c, holds) -> {
            JsonArray items = new JsonArray();
            holds.forEach(h -> items.add(json(h)));
            audit.record(c, who, action, params, items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).putNull("next"))).onFailure(c::fail);
        });
    }

    private void release(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("holdId");
        String action = "DELETE /api/v1/holds/{holdId}";
        if (!Permission.RELEASE_HOLD.grantedTo(who)) {
            audit.refuse(ctx, who, action, Map.of("holdId", id), "releasing a hold needs the admin role");
            return;
        }
        long holdId = WholeNumbers.path(ctx, "holdId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> {
            // A hold on a camera outside the admin's regions does not exist for them.
            Optional<EvidenceHold> hold = index.holdById(holdId).filter(EvidenceHold::active)
                    .filter(h -> visible(who, h.camera()));
            if (hold.isEmpty() || !index.release(holdId, who.username(), clock.instant()).get(30, TimeUnit.SECONDS)) {
                return Optional.<EvidenceHold>empty();
            }
            return hold;
        }, (c, released) -> {
            Map<String, String> params = new HashMap<>(Map.of("holdId", id));
            released.ifPresent(h -> {
                params.put("camera", h.camera().value());
                params.put("caseReference", h.caseReference());
            });
            audit.record(c, who, action, params, released.isPresent() ? 1 : 0, released.isPresent() ? 204 : 404)
                    .onSuccess(v -> {
                        if (released.isEmpty()) {
                            c.fail(ApiProblem.notFound("no active hold " + id));
                        } else {
                            c.response().setStatusCode(204).end();
                        }
                    }).onFailure(c::fail);
        });
    }

    static JsonObject json(EvidenceHold h) {
        return new JsonObject().put("id", h.id()).put("camera", h.camera().value()).put("from", h.from().toString())
                .put("to", h.to().toString()).put("caseReference", h.caseReference()).put("reason", h.reason())
                .put("createdBy", h.createdBy()).put("createdAt", h.createdAt().toString()).put("active", h.active())
                .put("releasedBy", h.releasedBy())
                .put("releasedAt", h.releasedAt() == null ? null : h.releasedAt().toString());
    }
}
