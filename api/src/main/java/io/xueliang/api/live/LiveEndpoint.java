package io.xueliang.api.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
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
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /cameras/{id}/live}: a WebSocket carrying the camera's live video as fragmented MP4 for Media Source
 * Extensions ({@link LiveViewer} says what is sent). Viewers, investigators and admins of the camera's region; a
 * browser opens it with a media ticket for this path ({@code access_token}), never the session token. Audited when it
 * opens and when it closes (from when to when, bytes sent). The token is checked again every
 * {@link #RECHECK} while the view lasts: logging out, losing the role or the region ends it.
 */
public final class LiveEndpoint {
    static final String ACTION = "GET /api/v1/cameras/{id}/live";
    /** How often a running view checks its token again. */
    public static final Duration RECHECK = Duration.ofSeconds(15);
    /** WebSocket close status for a view its token no longer allows (RFC 6455 §7.4.1: policy violation). */
    static final short POLICY = 1008;

    private final CameraRegistry cameras;
    private final LiveChannels channels;
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;
    private final Duration recheck;

    public LiveEndpoint(CameraRegistry cameras, LiveChannels channels, TokenStore tokens, AuditTrail audit,
            BlockingWork work, InstantSource clock, Duration recheck) {
        this.cameras = cameras;
        this.channels = channels;
        this.tokens = tokens;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
        this.recheck = recheck;
    }

    public void register(ApiOperations operations) {
        operations.handle("liveVideo", this::live);
    }

    private void live(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        Map<String, String> params = new HashMap<>(Map.of("id", id));
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "live video is for viewers, investigators and admins");
            return;
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ApiProblem.badRequest("Upgrade", "live video is a WebSocket: send Upgrade: websocket");
        }
        CameraId camera = CameraId.of(id);
        boolean sub = "sub".equals(ctx.request().getParam("stream"));
        params.put("stream", sub ? "sub" : "main");
        work.respond(ctx, () -> RegionScope.camera(cameras, who, camera), (c, seen) -> {
            if (seen.isEmpty()) {
                audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                return;
            }
            try {
                channels.reserve(camera);
            } catch (ApiProblem full) {
                audit.fail(c, who, ACTION, params, full);
                return;
            }
            CameraId feed = channels.feed(seen.get().camera(), sub);
            audit.record(c, who, ACTION, params, -1, 101).onComplete(r -> {
                if (r.failed()) {
                    channels.release(camera);
                    c.fail(r.cause());
                    return;
                }
                c.request().toWebSocket().onComplete(upgraded -> {
                    if (upgraded.failed()) {
                        channels.release(camera);
                        return;
                    }
                    watch(c, who, camera, feed, upgraded.result());
                });
            });
        });
    }

    private boolean visible(Principal who, CameraId camera) {
        return RegionScope.camera(cameras, who, camera).isPresent();
    }

    private void watch(RoutingContext ctx, Principal who, CameraId camera, CameraId feed, ServerWebSocket socket) {
        Vertx vertx = ctx.vertx();
        Instant from = clock.instant();
        LiveViewer viewer = new LiveViewer(socket, vertx.getOrCreateContext(), camera, feed, channels.counters());
        long timer = vertx.setPeriodic(recheck.toMillis(), t -> work.submit(() -> tokens.resolveId(who.tokenId())
                .filter(now -> Permission.LIVE.grantedTo(now) && visible(now, camera))).onComplete(r -> {
                    if (r.failed() || r.result().isEmpty()) {
                        viewer.close(POLICY, "the token no longer allows this view; log in again");
                    }
                }));
        // Incoming messages are not part of the protocol: whatever a client sends is read and dropped.
        socket.handler(b -> { });
        socket.closeHandler(v -> {
            vertx.cancelTimer(timer);
            channels.detach(viewer);
            Map<String, String> ended = Map.of("id", camera.value(), "from", from.toString(), "to",
                    clock.instant().toString(), "bytes", Long.toString(viewer.bytes()), "skips",
                    Long.toString(viewer.skips()));
            audit.record(ctx, who, ACTION + " ended", ended, Duration.between(from, clock.instant()).toSeconds(),
                    101);
        });
        channels.attach(viewer);
    }
}
