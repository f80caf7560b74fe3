package io.xueliang.api.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.recordings.TimeRange;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.DevicePlayback;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /cameras/{id}/device-playback?from&to}: a WebSocket carrying what the camera's own device recorded (its
 * SD card or disk, GB/T 28181 {@code s=Playback}) as fragmented MP4, exactly as live video is carried
 * ({@link LiveViewer}), for the investigator who needs video this server did not record. Investigators and admins of
 * the camera's region ({@link Permission#REVIEW}); audited when it opens and when it closes; the token is checked
 * again every {@link LiveEndpoint#RECHECK}. 409 for a camera whose device cannot play (RTSP cameras), 503 when the
 * device is offline or refused; at most {@link DevicePlayback#MAX_RANGE} a playback, one viewer's place on the camera.
 *
 * <p>The client steers the device with text messages, each answered with {@code {"type":"control","ok":...}}:
 * <pre>
 *   {"action":"pause"}    {"action":"play","scale":2}    {"action":"seek","offset":120}   (seconds after from)
 * </pre>
 * When the device's recording ends the socket closes with 1000.
 */
public final class DevicePlaybackEndpoint {
    static final String ACTION = "GET /api/v1/cameras/{id}/device-playback";
    /** A control message is a few dozen bytes. */
    static final int MAX_CONTROL_CHARS = 256;
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final CameraRegistry cameras;
    private final LiveChannels channels;
    private final DevicePlayback devices;
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;
    private final Duration recheck;
    private final AtomicLong playbacks = new AtomicLong();

    public DevicePlaybackEndpoint(CameraRegistry cameras, LiveChannels channels, DevicePlayback devices,
            TokenStore tokens, AuditTrail audit, BlockingWork work, InstantSource clock, Duration recheck) {
        this.cameras = cameras;
        this.channels = channels;
        this.devices = devices;
        this.tokens = tokens;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
        this.recheck = recheck;
    }

    public void register(ApiOperations operations) {
        operations.handle("playDeviceRecording", this::open);
    }

    private void open(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"),
                DevicePlayback.MAX_RANGE);
        Map<String, String> params = new HashMap<>(Map.of("id", id, "from", range.from().toString(), "to",
                range.to().toString()));
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "recorded video needs the investigator or admin role");
            return;
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ApiProblem.badRequest("Upgrade", "device playback is a WebSocket: send Upgrade: websocket");
        }
        work.respond(ctx, () -> RegionScope.camera(cameras, who, CameraId.of(id)).map(RegisteredCamera::camera),
                (c, seen) -> {
                    if (seen.isEmpty()) {
                        audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                    } else if (!devices.plays(seen.get())) {
                        audit.fail(c, who, ACTION, params, ApiProblem.conflict("camera " + id + " has no device"
                                + " this server can ask to play its recordings (only GB/T 28181 channels have)"));
                    } else {
                        start(c, who, params, seen.get(), range);
                    }
                });
    }

    private void start(RoutingContext ctx, Principal who, Map<String, String> params, Camera camera, TimeRange range) {
        try {
            channels.reserve(camera.id());
        } catch (ApiProblem full) {
            audit.fail(ctx, who, ACTION, params, full);
            return;
        }
        // a feed of its own: the hub of this playback, never the camera's live one
        CameraId feed = new CameraId("pb-" + Long.toHexString(playbacks.incrementAndGet()) + "-"
                + Long.toHexString(clock.millis()));
        Context context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(devices.open(camera, range.from(), range.to(), feed), context).onComplete(r -> {
            if (r.failed()) {
                channels.release(camera.id());
                audit.fail(ctx, who, ACTION, params, ApiProblem.unavailable(RETRY, "the camera's device did not"
                        + " play: it is offline, refused or did not answer"));
                return;
            }
            DevicePlayback.Session session = r.result();
            audit.record(ctx, who, ACTION, params, -1, 101).onComplete(a -> {
                if (a.failed()) {
                    session.close();
                    channels.release(camera.id());
                    ctx.fail(a.cause());
                    return;
                }
                ctx.request().toWebSocket().onComplete(upgraded -> {
                    if (upgraded.failed()) {
                        session.close();
                        channels.release(camera.id());
                        return;
                    }
                    watch(ctx, who, camera.id(), feed, session, upgraded.result());
                });
            });
        });
    }

    private void watch(RoutingContext ctx, Principal who, CameraId camera, CameraId feed,
            DevicePlayback.Session session, ServerWebSocket socket) {
        Vertx vertx = ctx.vertx();
        Context context = vertx.getOrCreateContext();
        Instant from = clock.instant();
        LiveViewer viewer = new LiveViewer(socket, context, camera, feed, channels.counters());
        long timer = vertx.setPeriodic(recheck.toMillis(), t -> work.submit(() -> tokens.resolveId(who.tokenId())
                .filter(now -> Permission.REVIEW.grantedTo(now)
                        && RegionScope.camera(cameras, now, camera).isPresent())).onComplete(r -> {
                    if (r.failed() || r.result().isEmpty()) {
                        viewer.close(LiveEndpoint.POLICY, "the token no longer allows this view; log in again");
                    }
                }));
        socket.textMessageHandler(text -> control(session, text).whenComplete((ok, e) -> context.runOnContext(v -> {
            if (!socket.isClosed()) {
                socket.writeTextMessage(new JsonObject().put("type", "control").put("ok", e == null)
                        .put("detail", e == null ? "done" : rootMessage(e)).encode());
            }
        })));
        session.ended().whenComplete((why, e) -> context.runOnContext(v -> viewer.close((short) 1000,
                "the device's playback ended")));
        socket.closeHandler(v -> {
            vertx.cancelTimer(timer);
            session.close();
            channels.detach(viewer);
            Map<String, String> ended = Map.of("id", camera.value(), "from", from.toString(), "to",
                    clock.instant().toString(), "bytes", Long.toString(viewer.bytes()));
            audit.record(ctx, who, ACTION + " ended", ended, Duration.between(from, clock.instant()).toSeconds(),
                    101);
        });
        channels.attach(viewer);
    }

    /** A client's control message to the device; fails with why for one that cannot be read. */
    static CompletableFuture<Void> control(DevicePlayback.Session session, String text) {
        if (text.length() > MAX_CONTROL_CHARS) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a control message is at most "
                    + MAX_CONTROL_CHARS + " characters"));
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a control message is a JSON object"));
        }
        Object action = message.getValue("action");
        try {
            return switch (action instanceof String s ? s : "") {
                case "pause" -> session.pause();
                case "play" -> session.play(message.getDouble("scale", 1.0));
                case "seek" -> {
                    double offset = message.getDouble("offset", -1.0);
                    if (!(offset >= 0 && offset <= DevicePlayback.MAX_RANGE.toSeconds())) {
                        throw new IllegalArgumentException("offset must be seconds after from, 0-"
                                + DevicePlayback.MAX_RANGE.toSeconds());
                    }
                    yield session.seek(Duration.ofMillis(Math.round(offset * 1000)));
                }
                default -> throw new IllegalArgumentException("action must be pause, play or seek");
            };
        } catch (ClassCastException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("scale and offset are numbers"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
