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
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.evidence.ExportSigningKey;
import io.xueliang.storage.export.ExportJob;
import io.xueliang.storage.export.ExportQuotaException;
import io.xueliang.storage.export.ExportService;
import io.xueliang.storage.export.ExportStatus;
import io.xueliang.storage.registry.CameraRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evidence export: {@code POST /exports} (investigators and admins, cameras within their regions, a case reference
 * and a reason), {@code GET /exports/{id}} and {@code /download} (the requester or an admin; anyone else gets 404),
 * and {@code GET /exports/key}, the public key that verifies packages. Requests and downloads are audited.
 */
public final class ExportEndpoints {
    static final Duration MAX_SPAN = Duration.ofHours(24);

    private final CameraRegistry cameras;
    private final ExportService exports;
    private final ExportSigningKey key;
    private final AuditTrail audit;
    private final BlockingWork work;

    public ExportEndpoints(CameraRegistry cameras, ExportService exports, ExportSigningKey key, AuditTrail audit,
            BlockingWork work) {
        this.cameras = cameras;
        this.exports = exports;
        this.key = key;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("createExport", this::create).handle("getExport", this::get)
                .handle("downloadExport", this::download).handle("getExportKey", this::key);
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject();
        List<String> ids = b.getJsonArray("cameras").stream().map(String::valueOf).toList();
        TimeRange range = TimeRange.of(b.getString("from"), b.getString("to"), MAX_SPAN);
        String caseReference = b.getString("caseReference");
        String action = "POST /api/v1/exports";
        Map<String, String> params = new HashMap<>(Map.of("cameras", String.join(",", ids), "from",
                range.from().toString(), "to", range.to().toString(), "caseReference", caseReference));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "exports need the investigator or admin role");
            return;
        }
        work.respond(ctx, () -> {
            for (String id : ids) {
                if (cameras.get(CameraId.of(id)).filter(r -> RegionScope.covers(who, r.camera().region())).isEmpty()) {
                    return new Submitted(Optional.empty(), null);
                }
            }
            try {
                return new Submitted(Optional.of(exports.submit(ids.stream().map(CameraId::of).toList(), range.from(),
                        range.to(), caseReference, b.getString("reason"), who.username(), who.userId())), null);
            } catch (ExportQuotaException e) {
                return new Submitted(Optional.empty(), e);
            }
        }, (c, submitted) -> {
            Optional<ExportJob> job = submitted.job();
            job.ifPresent(j -> params.put("exportId", j.id()));
            ExportQuotaException quota = submitted.refused();
            int status = job.isPresent() ? 202 : quota != null ? 429 : 404;
            audit.record(c, who, action, params, ids.size(), status).onSuccess(v -> {
                if (quota != null) {
                    c.fail(ApiProblem.tooManyRequests(quota.retryAfter(), quota.getMessage()));
                } else if (job.isEmpty()) {
                    c.fail(ApiProblem.notFound("no camera among " + ids + " that you may see"));
                } else {
                    c.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                            .putHeader("Location", "/api/v1/exports/" + job.get().id()).end(json(job.get()).encode());
                }
            }).onFailure(c::fail);
        });
    }

    /** What a request for an export came to: the job, or the quota's refusal, or neither (no camera visible). */
    private record Submitted(Optional<ExportJob> job, ExportQuotaException refused) {
    }

    /**
     * The job when {@code who} may see it now, else empty (404: ids reveal nothing): every camera of the job lies within
     * {@code who}'s regions, and either {@code who} is the account that asked for it (by id: a user deleted and
     * created again under the name is another account) and may still review recorded video, with the roles they have
     * now and their token's limit, or {@code who} is an admin.
     */
    private Optional<ExportJob> visible(Principal who, String id) {
        return exports.get(id).filter(j -> {
            boolean requester = j.requestedById() != null && j.requestedById().equals(who.userId())
                    && Permission.REVIEW.grantedTo(who);
            return (requester || Permission.ADMINISTER.grantedTo(who)) && j.cameras().stream().allMatch(
                    c -> cameras.get(c).map(r -> RegionScope.covers(who, r.camera().region())).orElse(who.unrestricted()));
        });
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("exportId");
        work.respond(ctx, () -> visible(who, id), (c, job) -> {
            if (job.isEmpty()) {
                c.fail(ApiProblem.notFound("no export " + id));
            } else {
                c.json(json(job.get()));
            }
        });
    }

    private void download(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("exportId");
        String action = "GET /api/v1/exports/{exportId}/download";
        work.respond(ctx, () -> visible(who, id), (c, job) -> {
            Map<String, String> params = new HashMap<>(Map.of("exportId", id));
            job.ifPresent(j -> params.put("caseReference", j.caseReference()));
            boolean ready = job.isPresent() && job.get().status() == ExportStatus.DONE;
            int status = job.isEmpty() ? 404 : ready ? 200 : 409;
            audit.record(c, who, action, params, ready ? 1 : 0, status).onSuccess(v -> {
                if (job.isEmpty()) {
                    c.fail(ApiProblem.notFound("no export " + id));
                } else if (!ready) {
                    c.fail(ApiProblem.conflict("export " + id + " is " + job.get().status().wireName()
                            + (job.get().error() == null ? "" : ": " + job.get().error())));
                } else {
                    Path file = exports.file(job.get());
                    c.response().putHeader("Content-Type", "application/zip")
                            .putHeader("Content-Disposition", "attachment; filename=\"evidence-" + id + ".zip\"")
                            .putHeader("X-Content-SHA256", job.get().sha256())
                            .sendFile(file.toString()).onFailure(c::fail);
                }
            }).onFailure(c::fail);
        });
    }

    private void key(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/x-pem-file")
                .putHeader("X-Key-Fingerprint", key.fingerprint()).end(key.publicKeyPem());
    }

    static JsonObject json(ExportJob j) {
        return new JsonObject().put("id", j.id()).put("status", j.status().wireName()).put("progress", j.progress())
                .put("cameras", new JsonArray(j.cameras().stream().map(CameraId::value).toList()))
                .put("from", j.from().toString()).put("to", j.to().toString()).put("caseReference", j.caseReference())
                .put("requestedBy", j.requestedBy()).put("createdAt", j.createdAt().toString())
                .put("finishedAt", j.finishedAt() == null ? null : j.finishedAt().toString()).put("bytes", j.bytes())
                .put("sha256", j.sha256()).put("error", j.error());
    }
}
