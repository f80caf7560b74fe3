package io.xueliang.api.reads;

import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.recordings.TimeRange;
import io.xueliang.config.ReadsConfig;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.trajectory.CameraPlace;
import io.xueliang.reads.trajectory.Trajectory;
import io.xueliang.reads.trajectory.TrajectoryBuilder;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /plates/{plate}/trajectory?from&to[&format=geojson]}: the plate's sightings at cameras the caller may
 * see, oldest first, with the cameras' names, regions and locations, speeds between sightings and cloned-plate flags
 * ({@link TrajectoryBuilder}). Investigators and admins, with a case reference and purpose, audited.
 */
public final class TrajectoryEndpoint {
    private static final String ACTION = "GET /api/v1/plates/{plate}/trajectory";

    private final ReadStore store;
    private final TrajectoryBuilder builder;
    private final ReadAccess access;
    private final Duration maxSpan;
    private final AuditTrail audit;
    private final BlockingWork work;

    public TrajectoryEndpoint(ReadStore store, CameraRegistry cameras, ReadsConfig config, AuditTrail audit,
            BlockingWork work) {
        this.store = store;
        this.builder = new TrajectoryBuilder(id -> cameras.get(id).map(r -> new CameraPlace(r.camera().name(),
                r.camera().region(), r.camera().location())), config.cloneSpeedKmh());
        this.access = new ReadAccess(cameras, config);
        this.maxSpan = Duration.ofDays(config.maxSearchDays());
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("getTrajectory", this::trajectory);
    }

    private void trajectory(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        PlatePattern plate;
        try {
            plate = PlatePattern.exact(ctx.pathParam("plate"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("plate", e.getMessage());
        }
        if (!plate.exact()) {
            throw ApiProblem.badRequest("plate", "a whole plate, without * or ?");
        }
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"), maxSpan);
        String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
        if (!format.equals("json") && !format.equals("geojson")) {
            throw ApiProblem.badRequest("format", "must be json or geojson");
        }
        Map<String, String> params = new HashMap<>(Map.of("plate", plate.normalised(), "from",
                range.from().toString(), "to", range.to().toString(), "format", format));
        if (!Permission.SEARCH_READS.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "plate reads need the investigator or admin role");
            return;
        }
        access.requirePurpose(ctx, who, true, params);
        work.respond(ctx, () -> builder.trajectory(store, plate.normalised(), range.from(), range.to(),
                access.visible(who, null, List.of())), (c, t) -> {
                    params.put("clonedJumps", Long.toString(t.clonedJumps()));
                    audit.record(c, who, ACTION, params, t.sightings().size(), 200)
                            .onSuccess(v -> answer(c, t, range, format)).onFailure(c::fail);
                });
    }

    private static void answer(RoutingContext c, Trajectory t, TimeRange range, String format) {
        if (format.equals("geojson")) {
            c.response().putHeader("Content-Type", "application/geo+json")
                    .end(ReadJson.geoJson(t, range.from(), range.to()).encode());
        } else {
            c.json(ReadJson.trajectory(t, range.from(), range.to()));
        }
    }
}
