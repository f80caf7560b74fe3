package io.xueliang.api.cameras;

import io.vertx.core.Future;
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
import io.xueliang.media.PtzControl;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /cameras/{id}/ptz}: pan, tilt and zoom a camera, or set, call or delete one of its presets, as the
 * operator at a video wall does. For whoever may watch the camera live ({@link Permission#LIVE}, its region); every
 * command is audited with what it asked. 409 for a camera this server cannot steer (RTSP cameras today), 503 when its
 * device is offline or did not take the command.
 *
 * <pre>
 *  {"pan": -1|0|1, "tilt": -1|0|1, "zoom": -1|0|1, "speed": 1-255}     a move, until the next; all 0: stop
 *  {"preset": {"action": "set"|"call"|"delete", "number": 1-255}}
 * </pre>
 */
public final class PtzEndpoint {
    private static final String ACTION = "POST /api/v1/cameras/{id}/ptz";
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final CameraRegistry cameras;
    private final PtzControl ptz;
    private final AuditTrail audit;
    private final BlockingWork work;

    public PtzEndpoint(CameraRegistry cameras, PtzControl ptz, AuditTrail audit, BlockingWork work) {
        this.cameras = cameras;
        this.ptz = ptz;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("steerCamera", this::steer);
    }

    private void steer(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        JsonObject body = ctx.body().asJsonObject();
        Map<String, String> params = new HashMap<>(Map.of("id", id));
        JsonObject preset = body.getJsonObject("preset");
        PtzControl.Move move = null;
        PtzControl.PresetAction presetAction = null;
        int number = 0;
        if (preset != null) {
            if (body.containsKey("pan") || body.containsKey("tilt") || body.containsKey("zoom")
                    || body.containsKey("speed")) {
                throw ApiProblem.badRequest("preset", "a command is a move or a preset, not both");
            }
            presetAction = PtzControl.PresetAction.valueOf(preset.getString("action").toUpperCase(Locale.ROOT));
            number = preset.getInteger("number");
            params.put("preset", preset.getString("action") + " " + number);
        } else {
            move = new PtzControl.Move(body.getInteger("pan", 0), body.getInteger("tilt", 0),
                    body.getInteger("zoom", 0), body.getInteger("speed", 0));
            if (!move.stop() && move.speed() == 0) {
                throw ApiProblem.badRequest("speed", "a move needs a speed of 1-255");
            }
            params.put("move", move.pan() + "," + move.tilt() + "," + move.zoom() + "@" + move.speed());
        }
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "cameras are steered by those who may watch them live");
            return;
        }
        PtzControl.Move moveAsked = move;
        PtzControl.PresetAction presetAsked = presetAction;
        int presetNumber = number;
        work.respond(ctx, () -> RegionScope.camera(cameras, who, CameraId.of(id)).map(RegisteredCamera::camera),
                (c, camera) -> {
                    if (camera.isEmpty()) {
                        audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                    } else if (!ptz.steers(camera.get())) {
                        audit.fail(c, who, ACTION, params, ApiProblem.conflict("camera " + id + " cannot be steered"
                                + " through this server (only GB/T 28181 channels can)"));
                    } else {
                        send(c, who, params, camera.get(), moveAsked, presetAsked, presetNumber);
                    }
                });
    }

    private void send(RoutingContext ctx, Principal who, Map<String, String> params, Camera camera,
            PtzControl.Move move, PtzControl.PresetAction preset, int number) {
        var sent = move != null ? ptz.move(camera, move) : ptz.preset(camera, preset, number);
        var context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(sent, context).onComplete(r -> {
            if (r.failed()) {
                audit.fail(ctx, who, ACTION, params, ApiProblem.unavailable(RETRY, "the camera's device did not take"
                        + " the command: it is offline, refused it or did not answer"));
            } else {
                audit.record(ctx, who, ACTION, params, -1, 204).onSuccess(v -> ctx.response().setStatusCode(204)
                        .end()).onFailure(ctx::fail);
            }
        });
    }
}
