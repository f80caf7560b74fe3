package io.xueliang.api.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.reads.ReadAccess;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.reads.analysis.AnalysisJobs;
import io.xueliang.reads.analysis.AnalysisLimits;
import io.xueliang.reads.analysis.AreaWindow;
import io.xueliang.reads.analysis.CameraPositions;
import io.xueliang.reads.analysis.ClonedPlateAnalysis;
import io.xueliang.reads.analysis.CompanionAnalysis;
import io.xueliang.reads.analysis.Findings;
import io.xueliang.reads.analysis.FirstSeenAnalysis;
import io.xueliang.reads.analysis.FrequentAnalysis;
import io.xueliang.reads.analysis.GeoPoint;
import io.xueliang.reads.analysis.NightActivityAnalysis;
import io.xueliang.reads.analysis.Progress;
import io.xueliang.reads.analysis.RegionCollisionAnalysis;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /analyses/{kind}} (companions, first-seen, night-activity, region-collision, frequent, cloned) starts an
 * analysis as a job over the cameras the caller may see; {@code GET /analyses/jobs/{id}} tells its state and progress,
 * {@code GET /analyses/jobs/{id}/results} pages its findings, {@code DELETE /analyses/jobs/{id}} cancels it. A job is its
 * starter's alone (others get 404). Investigators and admins, for a case and a purpose ({@link ReadAccess}); every
 * call is audited, with the parameters and the number of findings.
 */
public final class AnalysisEndpoints {
    /** The kinds, as the route names them. */
    static final List<String> KINDS = List.of("companions", "first-seen", "night-activity", "region-collision",
            "frequent", "cloned");
    /** How long a start waits for the analysis to refuse its parameters before answering 202. */
    static final Duration REFUSAL_WAIT = Duration.ofSeconds(2);

    private final CameraRegistry cameras;
    private final ReadAccess access;
    private final ReadStore store;
    private final AnalysisJobs jobs;
    private final AnalysisLimits limits;
    private final double cloneSpeedKmh;
    private final AuditTrail audit;
    private final BlockingWork work;
    /** Whether each job failed on its parameters (a 400, not a failed job). */
    private final Map<UUID, boolean[]> refusals = new ConcurrentHashMap<>();

    /** An analysis that refused its parameters: the message starts with the field ("to: ..."). */
    private static final class Refused extends RuntimeException {
        Refused(IllegalArgumentException e) {
            super(e.getMessage(), e);
        }
    }

    /**
     * @param cloneSpeedKmh the speed above which two sightings of a plate are taken for two vehicles, unless the
     *                      request gives its own {@code maxKmh}
     */
    public AnalysisEndpoints(CameraRegistry cameras, ReadAccess access, ReadStore store, AnalysisJobs jobs,
            AnalysisLimits limits, double cloneSpeedKmh, AuditTrail audit, BlockingWork work) {
        this.cameras = cameras;
        this.access = access;
        this.store = store;
        this.jobs = jobs;
        this.limits = limits;
        this.cloneSpeedKmh = cloneSpeedKmh;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("startAnalysis", this::start).handle("getAnalysis", this::get)
                .handle("getAnalysisResults", this::results).handle("cancelAnalysis", this::cancel);
    }

    private List<Camera> visibleCameras(Principal who) {
        return cameras.all().stream().map(RegisteredCamera::camera)
                .filter(c -> who.unrestricted() || RegionScope.covers(who, c.region())).toList();
    }

    private void start(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String kind = ctx.pathParam("kind");
        JsonObject body = ctx.body().asJsonObject();
        String action = "POST /api/v1/analyses/{kind}";
        Map<String, String> params = new HashMap<>();
        params.put("kind", kind);
        if (body != null) {
            body.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
        }
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "analyses are for investigators and admins");
            return;
        }
        if (!KINDS.contains(kind)) {
            throw ApiProblem.badRequest("kind", "one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
        }
        access.requirePurpose(ctx, who, true, params);
        AnalysisInput in = new AnalysisInput(body);
        work.respond(ctx, () -> {
            List<Camera> seen = visibleCameras(who);
            Function<Progress, Findings<?>> analysis = analysis(kind, in, seen, who);
            boolean[] refused = {false};
            AnalysisJobs.Job job;
            try {
                job = jobs.submit(who.userId(), kind, progress -> {
                    try {
                        return analysis.apply(progress);
                    } catch (IllegalArgumentException e) {
                        refused[0] = true;
                        throw new Refused(e);
                    }
                });
            } catch (IllegalStateException full) {
                throw ApiProblem.tooManyRequests(Duration.ofSeconds(30), full.getMessage());
            }
            refusals.put(job.id(), refused);
            refusals.keySet().removeIf(id -> jobs.get(id).isEmpty());
            try {
                job.ended().get(REFUSAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // answered 202 below; the caller polls
            }
            return job;
        }, (c, job) -> {
            Map<String, String> recorded = new HashMap<>(params);
            recorded.put("analysis", job.id().toString());
            boolean refused = refusals.get(job.id())[0] && job.state() == AnalysisJobs.State.FAILED;
            audit.record(c, who, action, recorded, refused ? 0 : 1, refused ? 400 : 202).onSuccess(v -> {
                if (refused) {
                    c.fail(fieldProblem(job.error().orElse("body: refused")));
                } else {
                    c.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                            .end(status(job).encode());
                }
            }).onFailure(c::fail);
        });
    }

    /** The analysis of {@code kind} with the request's parameters, over what the caller may see. */
    private Function<Progress, Findings<?>> analysis(String kind, AnalysisInput in, List<Camera> seen, Principal who) {
        CameraSet visible = access.visible(who, null, List.of());
        Map<CameraId, List<String>> regions = seen.stream().collect(Collectors.toMap(Camera::id, Camera::region));
        Set<CameraId> known = regions.keySet();
        CameraSet area = AnalysisInput.area(in.body(), visible, id -> regions.getOrDefault(id, List.of()), known);
        return switch (kind) {
            case "companions" -> {
                var q = new CompanionAnalysis.Request(in.plate("plate"), in.instant("from"), in.instant("to"),
                        in.seconds("gapSeconds", 60), in.integer("minCameras", 3), area);
                yield p -> new CompanionAnalysis(store, limits).run(q, p);
            }
            case "first-seen" -> {
                var q = new FirstSeenAnalysis.Request(in.instant("from"), in.instant("to"),
                        Duration.ofDays(in.integer("lookBackDays", 30)), area);
                yield p -> new FirstSeenAnalysis(store, limits).run(q, p);
            }
            case "night-activity" -> {
                var q = new NightActivityAnalysis.Request(in.instant("from"), in.instant("to"),
                        in.time("nightStart", LocalTime.MIDNIGHT), in.time("nightEnd", LocalTime.of(5, 0)),
                        in.zone("zone"), in.number("minShare", 0.6), in.integer("minReads", 3), area);
                yield p -> new NightActivityAnalysis(store, limits).run(q, p);
            }
            case "frequent" -> {
                var q = new FrequentAnalysis.Request(in.instant("from"), in.instant("to"), area,
                        in.integer("minPasses", 10));
                yield p -> new FrequentAnalysis(store, limits).run(q, p);
            }
            case "cloned" -> {
                Map<CameraId, GeoPoint> at = new HashMap<>();
                seen.stream().filter(c -> c.location() != null)
                        .forEach(c -> at.put(c.id(), new GeoPoint(c.location().lat(), c.location().lon())));
                CameraPositions positions = id -> Optional.ofNullable(at.get(id));
                var q = new ClonedPlateAnalysis.Request(in.instant("from"), in.instant("to"),
                        in.number("maxKmh", cloneSpeedKmh), in.number("minKm", 1), area);
                yield p -> new ClonedPlateAnalysis(store, positions, limits).run(q, p);
            }
            case "region-collision" -> {
                var pairs = in.body().getJsonArray("pairs");
                if (pairs == null) {
                    throw ApiProblem.badRequest("pairs", "is required: 2 or more {region or cameras, from, to}");
                }
                List<AreaWindow> windows = new ArrayList<>();
                for (int i = 0; i < pairs.size(); i++) {
                    JsonObject pair = pairs.getJsonObject(i);
                    AnalysisInput pin = new AnalysisInput(pair);
                    windows.add(new AreaWindow(AnalysisInput.area(pair, visible,
                            id -> regions.getOrDefault(id, List.of()), known), pin.instant("from"), pin.instant("to")));
                }
                var q = new RegionCollisionAnalysis.Request(windows);
                yield p -> new RegionCollisionAnalysis(store, limits).run(q, p);
            }
            default -> throw ApiProblem.badRequest("kind", "unknown analysis '" + kind + "'");
        };
    }

    private Optional<AnalysisJobs.Job> owned(Principal who, String idText) {
        UUID id;
        try {
            id = UUID.fromString(idText);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("analysisId", "not an analysis id");
        }
        return jobs.get(id).filter(job -> job.owner().equals(who.userId()));
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("analysisId");
        String action = "GET /api/v1/analyses/jobs/{analysisId}";
        Map<String, String> params = Map.of("analysis", id);
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "analyses are for investigators and admins");
            return;
        }
        Optional<AnalysisJobs.Job> job = owned(who, id);
        audit.record(ctx, who, action, params, job.isPresent() ? 1 : 0, job.isPresent() ? 200 : 404).onSuccess(v -> {
            if (job.isEmpty()) {
                ctx.fail(ApiProblem.notFound("no analysis " + id));
            } else {
                ctx.json(status(job.get()));
            }
        }).onFailure(ctx::fail);
    }

    private void results(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("analysisId");
        int offset = WholeNumbers.query(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = WholeNumbers.query(ctx, "limit", 100, 1, AnalysisLimits.MAX_PAGE);
        String action = "GET /api/v1/analyses/jobs/{analysisId}/results";
        Map<String, String> params = Map.of("analysis", id, "offset", Integer.toString(offset), "limit",
                Integer.toString(limit));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "analyses are for investigators and admins");
            return;
        }
        Map<String, String> recorded = new HashMap<>(params);
        access.requirePurpose(ctx, who, true, recorded);
        Optional<AnalysisJobs.Job> job = owned(who, id);
        if (job.isPresent() && job.get().findings().isEmpty()) {
            throw ApiProblem.conflict("analysis " + id + " is " + job.get().state().name().toLowerCase()
                    + ": no findings to page");
        }
        Optional<Findings.Page<?>> page = job.map(j -> j.findings().orElseThrow().page(offset, limit));
        audit.record(ctx, who, action, recorded, page.map(p -> p.items().size()).orElse(0), page.isPresent() ? 200 : 404)
                .onSuccess(v -> {
                    if (page.isEmpty()) {
                        ctx.fail(ApiProblem.notFound("no analysis " + id));
                        return;
                    }
                    JsonArray items = new JsonArray();
                    page.get().items().forEach(f -> items.add(FindingJson.of(f)));
                    ctx.json(new JsonObject().put("items", items).put("total", page.get().total())
                            .put("next", page.get().nextOffset()).put("truncated", page.get().truncated()));
                }).onFailure(ctx::fail);
    }

    private void cancel(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("analysisId");
        String action = "DELETE /api/v1/analyses/jobs/{analysisId}";
        Map<String, String> params = Map.of("analysis", id);
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "analyses are for investigators and admins");
            return;
        }
        boolean cancelled = owned(who, id).isPresent() && jobs.cancel(UUID.fromString(id));
        audit.record(ctx, who, action, params, cancelled ? 1 : 0, cancelled ? 204 : 404).onSuccess(v -> {
            if (cancelled) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(ApiProblem.notFound("no analysis " + id));
            }
        }).onFailure(ctx::fail);
    }

    static JsonObject status(AnalysisJobs.Job job) {
        JsonObject o = new JsonObject().put("id", job.id().toString()).put("kind", job.kind())
                .put("status", job.state().name().toLowerCase()).put("progress", job.progress())
                .put("submittedAt", job.submitted().toString());
        job.error().ifPresent(e -> o.put("error", e));
        job.findings().ifPresent(f -> o.put("findings", f.items().size()).put("truncated", f.truncated()));
        if (job.finished() != null) {
            o.put("finishedAt", job.finished().toString());
        }
        return o;
    }

    /** The analysis's message starts with the field ("to: ..."). */
    private static ApiProblem fieldProblem(String message) {
        int colon = message.indexOf(':');
        String field = colon > 0 && message.substring(0, colon).matches("[A-Za-z]+") ? message.substring(0, colon)
                : "body";
        return ApiProblem.badRequest(field, colon > 0 ? message.substring(colon + 1).trim() : message);
    }
}
