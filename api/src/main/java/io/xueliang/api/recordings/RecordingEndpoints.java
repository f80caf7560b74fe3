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
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingGap;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /cameras/{id}/recordings?from&to}: what was recorded and what is missing, for investigators and admins,
 * on cameras within their regions (404 outside, as for a camera that does not exist). Audited with the range.
 */
public final class RecordingEndpoints {
    /** Longest range one listing covers: a month of segments is 44,640 rows at 60 s; pages beyond are by time. */
    static final Duration MAX_SPAN = Duration.ofDays(31);

    private final CameraRegistry cameras;
    private final RecordingIndex index;
    private final AuditTrail audit;
    private final BlockingWork work;

    public RecordingEndpoints(CameraRegistry cameras, RecordingIndex index, AuditTrail audit, BlockingWork work) {
        this.cameras = cameras;
        this.index = index;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listRecordings", this::list);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        String action = "GET /api/v1/cameras/{id}/recordings";
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"), MAX_SPAN);
        Map<String, String> params = Map.of("id", id, "from", range.from().toString(), "to", range.to().toString());
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "recorded video needs the investigator or admin role");
            return;
        }
        record Listing(List<RecordedSegment> segments, List<RecordingGap> gaps) {
        }
        work.respond(ctx, () -> {
            CameraId camera = CameraId.of(id);
            if (RegionScope.camera(cameras, who, camera).isEmpty()) {
                return null;
            }
            return new Listing(index.segments(camera, range.from(), range.to(), RecordingIndex.MAX_ROWS),
                    index.gaps(camera, range.from(), range.to(), RecordingIndex.MAX_ROWS));
        }, (c, listing) -> {
            int count = listing == null ? 0 : listing.segments().size();
            audit.record(c, who, action, params, count, listing == null ? 404 : 200).onSuccess(v -> {
                if (listing == null) {
                    c.fail(ApiProblem.notFound("no camera " + id));
                    return;
                }
                JsonArray segments = new JsonArray();
                listing.segments().forEach(s -> segments.add(new JsonObject().put("start", s.start().toString())
                        .put("end", s.end().toString()).put("bytes", s.bytes()).put("sha256", s.sha256())
                        .put("frames", s.frames()).put("codec", s.codec().name().toLowerCase(Locale.ROOT))
                        .put("state", s.state().name().toLowerCase(Locale.ROOT)).put("location", s.location())));
                JsonArray gaps = new JsonArray();
                listing.gaps().forEach(g -> gaps.add(new JsonObject().put("start", g.start().toString())
                        .put("end", g.end().toString()).put("reason", g.reason().wireName())));
                c.json(new JsonObject().put("camera", id).put("from", range.from().toString())
                        .put("to", range.to().toString()).put("segments", segments).put("gaps", gaps)
                        .put("truncated", listing.segments().size() >= RecordingIndex.MAX_ROWS
                                || listing.gaps().size() >= RecordingIndex.MAX_ROWS));
            }).onFailure(c::fail);
        });
    }
}
