package io.xueliang.api.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.MediaTickets;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera's live video as Low-Latency HLS, for players and devices without Media Source Extensions over a
 * WebSocket: {@code GET /cameras/{id}/live/index.m3u8} (blocking reload with {@code _HLS_msn} and {@code _HLS_part})
 * and {@code GET /cameras/{id}/live/{file}} for the init segment, segments and parts ({@link HlsWindow}). The same
 * rights as the WebSocket (viewers, investigators and admins of the camera's region), checked at every request. A
 * player cannot carry a header to the URIs a playlist lists: each URI in the playlist carries its own media ticket,
 * for that path only, standing for the token that asked for the playlist. A view is audited when it starts (the
 * first playlist of a token and camera after {@link #VIEW_GAP} without one), not at each reload.
 */
public final class HlsEndpoints {
    static final String ACTION = "GET /api/v1/cameras/{id}/live/index.m3u8";
    /** A token's playlist requests of a camera further apart than this are two views, each audited. */
    static final Duration VIEW_GAP = Duration.ofSeconds(60);
    /** Views remembered for the audit at most; beyond, the oldest are forgotten (and audited again if they go on). */
    static final int MAX_VIEWS = 10_000;
    /** A playlist waits this long for its part (three target parts are under a second; a first keyframe, a GOP). */
    static final Duration WAIT = Duration.ofSeconds(6);
    private static final Pattern MEDIA = Pattern.compile("init([0-9]{1,6})\\.mp4|s([0-9]{1,12})(?:\\.([0-9]{1,4}))?\\.m4s");
    private static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

    private final CameraRegistry cameras;
    private final LiveChannels channels;
    private final MediaTickets tickets;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final CameraHealthSource health;
    /** (token id, camera) → when its playlist was last asked for, System.nanoTime. */
    private final Map<String, Long> views = new ConcurrentHashMap<>();

    public HlsEndpoints(CameraRegistry cameras, LiveChannels channels, MediaTickets tickets, AuditTrail audit,
            BlockingWork work, CameraHealthSource health) {
        this.health = health;
        this.cameras = cameras;
        this.channels = channels;
        this.tickets = tickets;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("liveHls", this::playlist).handle("liveHlsMedia", this::media);
    }

    private boolean allowed(RoutingContext ctx, Principal who, Map<String, String> params) {
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "live video is for viewers, investigators and admins");
            return false;
        }
        return true;
    }

    private void playlist(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        Map<String, String> params = new HashMap<>(Map.of("id", id, "format", "ll-hls"));
        if (!allowed(ctx, who, params)) {
            return;
        }
        long msn = longParam(ctx, "_HLS_msn", -1);
        int part = (int) longParam(ctx, "_HLS_part", -1);
        if (part >= 0 && msn < 0) {
            throw ApiProblem.badRequest("_HLS_part", "comes with _HLS_msn");
        }
        CameraId camera = CameraId.of(id);
        work.respond(ctx, () -> RegionScope.camera(cameras, who, camera).isPresent(), (c, seen) -> {
            if (!seen) {
                audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                return;
            }
            // A camera that is not streaming answers at once: a wall of dark cameras must not hold requests for
            // seconds, nor open a window each.
            if (!health.playing(camera) && channels.hlsIfOpen(camera).isEmpty()) {
                audit.fail(c, who, ACTION, params, ApiProblem.conflict("camera " + id + " is not streaming now (see"
                        + " its status); there is no live video"));
                return;
            }
            HlsWindow window;
            try {
                window = channels.hls(camera);
            } catch (ApiProblem full) {
                audit.fail(c, who, ACTION, params, full);
                return;
            }
            if (msn > window.nextSequence() + 2) {
                c.fail(ApiProblem.badRequest("_HLS_msn", "is more than two segments ahead of the stream"));
                return;
            }
            String viewKey = who.tokenId() + "/" + id;
            Long last = views.put(viewKey, System.nanoTime());
            boolean starts = last == null || System.nanoTime() - last > VIEW_GAP.toNanos();
            if (views.size() > MAX_VIEWS) {
                views.keySet().removeIf(k -> System.nanoTime() - views.getOrDefault(k, 0L) > VIEW_GAP.toNanos());
            }
            Runnable answer = answerWhenReady(c, who, camera, window, msn, part);
            if (starts) {
                audit.record(c, who, ACTION, params, -1, 200).onSuccess(v -> answer.run()).onFailure(c::fail);
            } else {
                answer.run();
            }
        });
    }

    /** Answers the playlist once it holds {@code msn}/{@code part} (at once without them), or 503 after {@link #WAIT}. */
    private Runnable answerWhenReady(RoutingContext ctx, Principal who, CameraId camera, HlsWindow window, long msn,
            int part) {
        Vertx vertx = ctx.vertx();
        Context context = vertx.getOrCreateContext();
        // Before the first part, or for a blocking reload: wait (the first keyframe, the part asked for).
        long wantMsn = msn >= 0 ? msn : 0;
        int wantPart = msn >= 0 ? part : 0;
        return () -> {
            boolean[] done = {false};
            Runnable[] waiting = {null};
            long timer = vertx.setTimer(WAIT.toMillis(), t -> {
                if (!done[0]) {
                    done[0] = true;
                    window.forget(waiting[0]);
                    ctx.fail(ApiProblem.unavailable(Duration.ofSeconds(1),
                            "no live video from camera " + camera.value() + " yet"));
                }
            });
            Runnable reply = () -> context.runOnContext(v -> {
                if (done[0]) {
                    return;
                }
                done[0] = true;
                vertx.cancelTimer(timer);
                Optional<String> text = window.playlist(file -> sign(who, camera, file));
                if (text.isEmpty()) {
                    ctx.fail(ApiProblem.unavailable(Duration.ofSeconds(1), "no live video from camera "
                            + camera.value() + " yet"));
                    return;
                }
                ctx.response().putHeader("Content-Type", PLAYLIST_TYPE).putHeader("Cache-Control", "no-cache")
                        .end(text.get());
            });
            waiting[0] = reply;
            if (!window.whenReady(wantMsn, wantPart, reply)) {
                reply.run();
            }
        };
    }

    /** A playlist URI: the file relative to the playlist, with a ticket for exactly its path. */
    private String sign(Principal who, CameraId camera, String file) {
        String path = "/api/v1/cameras/" + camera.value() + "/live/" + file;
        return file + "?access_token=" + URLEncoder.encode(tickets.issue(who.tokenId(), path).value(),
                StandardCharsets.UTF_8);
    }

    private void media(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        Map<String, String> params = new HashMap<>(Map.of("id", id, "file", file));
        if (!allowed(ctx, who, params)) {
            return;
        }
        Matcher m = MEDIA.matcher(file);
        if (!m.matches()) {
            throw ApiProblem.badRequest("file", "is init<n>.mp4, s<n>.m4s or s<n>.<part>.m4s");
        }
        CameraId camera = CameraId.of(id);
        work.respond(ctx, () -> RegionScope.camera(cameras, who, camera).isPresent(), (c, seen) -> {
            Optional<HlsWindow> window = seen ? channels.hlsIfOpen(camera) : Optional.empty();
            if (!seen) {
                audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
                return;
            }
            Optional<byte[]> bytes = window.flatMap(w -> m.group(1) != null ? w.init(Integer.parseInt(m.group(1)))
                    : m.group(3) == null ? w.segment(Long.parseLong(m.group(2)))
                    : w.part(Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))));
            if (bytes.isEmpty()) {
                c.fail(ApiProblem.notFound("no " + file + " in camera " + id + "'s live window"));
                return;
            }
            c.response().putHeader("Content-Type", m.group(1) != null ? "video/mp4" : "video/iso.segment")
                    .putHeader("Cache-Control", "max-age=60").end(Buffer.buffer(bytes.get()));
        });
    }

    private static long longParam(RoutingContext ctx, String name, long absent) {
        String v = ctx.request().getParam(name);
        return v == null ? absent : Long.parseLong(v); // the contract has checked the digits
    }
}
