package io.xueliang.api.recordings;

import io.vertx.core.Future;
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
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.DeviceRecordings;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /cameras/{id}/device-recordings?from&to}: what the camera's own device recorded (an NVR's disk, an SD
 * card), asked of the device (GB/T 28181 RecordInfo), for the investigator who looks for video this server did not
 * record (an outage of the link). Investigators and admins of the camera's region ({@link Permission#REVIEW}); every
 * query is audited. 409 for a camera whose device cannot be asked (RTSP cameras), 503 when the device is offline,
 * refused or did not answer; at most {@link #MAX_SPAN} a query.
 */
public final class DeviceRecordingEndpoint {
    static final String ACTION = "GET /api/v1/cameras/{id}/device-recordings";
    static final Duration MAX_SPAN = Duration.ofDays(7);
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final CameraRegistry cameras;
    private final DeviceRecordings devices;
    private final AuditTrail audit;
    private final BlockingWork work;

    public DeviceRecordingEndpoint(CameraRegistry cameras, DeviceRecordings devices, AuditTrail audit,
            BlockingWork work) {
        this.cameras = cameras;
        this.devices = devices;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listDeviceRecordings", this::list);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"), MAX_SPAN);
        Map<String, String> params = Map.of("id", id, "from", range.from().toString(), "to", range.to().toString());
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "recorded video needs the investigator or admin role");
            return;
        }
        work.respond(ctx, () -> RegionScope.camera(cameras, who, CameraId.of(id)).map(RegisteredCamera::camera),
                (c, camera) -> {
                    if (camera.isEmpty()) {
                        audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                    } else if (!devices.asks(camera.get())) {
                        audit.fail(c, who, ACTION, params, ApiProblem.conflict("camera " + id + " has no device"
                                + " this server can ask for its recordings (only GB/T 28181 channels have)"));
                    } else {
                        ask(c, who, params, camera.get(), range);
                    }
                });
    }

    private void ask(RoutingContext ctx, Principal who, Map<String, String> params, Camera camera, TimeRange range) {
        Future.fromCompletionStage(devices.list(camera, range.from(), range.to()), ctx.vertx().getOrCreateContext())
                .onComplete(r -> {
                    if (r.failed()) {
                        audit.fail(ctx, who, ACTION, params, ApiProblem.unavailable(RETRY, "the camera's device did"
                                + " not answer: it is offline, refused the query or did not answer in time"));
                        return;
                    }
                    DeviceRecordings.Listing listing = r.result();
                    JsonArray items = new JsonArray();
                    listing.items().forEach(i -> items.add(new JsonObject().put("start", i.start().toString())
                            .put("end", i.end().toString()).put("type", i.type()).put("name", i.name())
                            .put("filePath", i.filePath())));
                    audit.record(ctx, who, ACTION, params, items.size(), 200).onSuccess(v -> ctx.json(new JsonObject()
                            .put("camera", camera.id().value()).put("from", range.from().toString())
                            .put("to", range.to().toString()).put("items", items)
                            .put("complete", listing.complete()))).onFailure(ctx::fail);
                });
    }
}
