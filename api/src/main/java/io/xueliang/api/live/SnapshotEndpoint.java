package io.xueliang.api.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.media.KeyframePictures;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamReader;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /cameras/{id}/snapshot.jpg}: the camera's latest keyframe decoded to JPEG, kept {@link #FRESH} so that a
 * wall of tiles refreshing snapshots decodes each camera once. A watched camera's keyframe is at hand; an unwatched
 * one's next keyframe is waited for, at most {@link #WAIT} (503 when none comes); a camera that is not streaming is a
 * 409 at once. Viewers,
 * investigators and admins of the camera's region; an {@code <img>} passes a media ticket; each request audited.
 */
public final class SnapshotEndpoint {
    static final String ACTION = "GET /api/v1/cameras/{id}/snapshot.jpg";
    /** How long one decoded snapshot is served again. */
    static final Duration FRESH = Duration.ofSeconds(2);
    /** How long a snapshot of an unwatched camera waits for its next keyframe: longer than any usual GOP. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Snapshots are wall tiles: wider pictures are scaled down to this. */
    static final int MAX_WIDTH = 1280;

    private record Cached(Instant at, byte[] jpeg) {
    }

    /** What a request gets: the picture (200), or the status it is refused with. */
    private record Snapshot(int status, byte[] jpeg) {
        static final Snapshot NO_CAMERA = new Snapshot(404, null);
        static final Snapshot NOT_STREAMING = new Snapshot(409, null);
        static final Snapshot NO_KEYFRAME = new Snapshot(503, null);
    }

    private final CameraRegistry cameras;
    private final LiveChannels channels;
    private final KeyframePictures pictures;
    private final CameraHealthSource health;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;
    private final Map<CameraId, Cached> cache = new ConcurrentHashMap<>();

    public SnapshotEndpoint(CameraRegistry cameras, LiveChannels channels, KeyframePictures pictures,
            CameraHealthSource health, AuditTrail audit, BlockingWork work, InstantSource clock) {
        this.cameras = cameras;
        this.channels = channels;
        this.pictures = pictures;
        this.health = health;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("cameraSnapshot", this::snapshot);
    }

    private void snapshot(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        Map<String, String> params = new HashMap<>(Map.of("id", id));
        if (!Permission.LIVE.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "live pictures are for viewers, investigators and admins");
            return;
        }
        CameraId camera = CameraId.of(id);
        work.respond(ctx, () -> {
            if (RegionScope.camera(cameras, who, camera).isEmpty()) {
                return Snapshot.NO_CAMERA;
            }
            // A camera that is not streaming answers at once: a wall of dark cameras must not hold a worker each.
            return health.playing(camera) ? picture(camera) : Snapshot.NOT_STREAMING;
        }, (c, answer) -> {
            if (answer.status() == 404) {
                audit.fail(c, who, ACTION, params, ApiProblem.notFound("no camera " + id));
            } else if (answer.status() == 409) {
                audit.fail(c, who, ACTION, params, ApiProblem.conflict("camera " + id + " is not streaming now (see"
                        + " its status); there is no live picture"));
            } else if (answer.status() == 503) {
                audit.fail(c, who, ACTION, params, ApiProblem.unavailable(WAIT, "camera " + id + " sent no keyframe"
                        + " in " + WAIT.toSeconds() + " s; it may be down (see its status)"));
            } else {
                audit.record(c, who, ACTION, params, -1, 200).onSuccess(v -> c.response()
                        .putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, no-store")
                        .end(Buffer.buffer(answer.jpeg()))).onFailure(c::fail);
            }
        });
    }

    /** The camera's snapshot. Blocks (decodes, may wait for a keyframe). */
    private Snapshot picture(CameraId camera) throws InterruptedException {
        Instant now = clock.instant();
        Cached kept = cache.get(camera);
        if (kept != null && kept.at().plus(FRESH).isAfter(now)) {
            return new Snapshot(200, kept.jpeg());
        }
        StreamHub hub = channels.hubs().hub(camera);
        AccessUnit keyframe = hub.latestKeyframe();
        if (keyframe == null) {
            // Just started or back from a pause: a new reader starts at the next keyframe, its first unit.
            try (StreamReader reader = hub.subscribe("snapshot", 4, 16L << 20)) {
                keyframe = reader.poll(WAIT);
            }
        }
        if (keyframe == null) {
            return Snapshot.NO_KEYFRAME;
        }
        byte[] jpeg;
        try {
            jpeg = pictures.jpeg(keyframe, MAX_WIDTH);
        } catch (IllegalArgumentException e) {
            return Snapshot.NO_KEYFRAME;
        }
        // Only fresh pictures are kept: a tour across a county's cameras must not leave one picture of each behind.
        cache.values().removeIf(c -> !c.at().plus(FRESH).isAfter(now));
        cache.put(camera, new Cached(now, jpeg));
        return new Snapshot(200, jpeg);
    }
}
