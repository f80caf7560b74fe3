package io.xueliang.api.recordings;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.ResponseStream;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.playback.PlaybackGap;
import io.xueliang.storage.playback.PlaybackPlan;
import io.xueliang.storage.playback.RangeSelection;
import io.xueliang.storage.playback.RangeSelector;
import io.xueliang.storage.playback.RangeSettings;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.recording.SegmentSources;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cameras/{id}/playback.mp4?from&to}: the recorded range as one fragmented MP4 a browser's {@code <video>}
 * plays and seeks (a {@code sidx} up front, whole GOPs per fragment, byte ranges answered with 206), starting at the
 * keyframe at or before {@code from}, across segment boundaries. Gaps are skipped (media time runs on) and listed in
 * {@code X-Recording-Gaps} as {@code start/end@offset}; where the stream's parameters change, the answer stops and
 * {@code X-Recording-Resume-From} says where the next request starts. Investigators and admins, region-scoped,
 * every request audited. The body is written on its own pool of threads with backpressure, never on an event loop.
 */
public final class PlaybackEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackEndpoint.class);
    static final Duration MAX_SPAN = Duration.ofHours(24);
    private static final String ACTION = "GET /api/v1/cameras/{id}/playback.mp4";

    private final CameraRegistry cameras;
    private final RecordingIndex index;
    private final SegmentSources sources;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final BlockingWork streams;

    /** @param streams threads that write answers (as many as concurrent playbacks; each waits on its client) */
    public PlaybackEndpoint(CameraRegistry cameras, RecordingIndex index, SegmentSources sources, AuditTrail audit,
            BlockingWork work, BlockingWork streams) {
        this.cameras = cameras;
        this.index = index;
        this.sources = sources;
        this.audit = audit;
        this.work = work;
        this.streams = streams;
    }

    public void register(ApiOperations operations) {
        operations.handle("playback", this::playback);
    }

    private void playback(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("id");
        TimeRange range = TimeRange.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"), MAX_SPAN);
        Map<String, String> params = new HashMap<>(Map.of("id", id, "from", range.from().toString(), "to",
                range.to().toString()));
        String rangeHeader = ctx.request().getHeader("Range");
        if (rangeHeader != null) {
            params.put("range", rangeHeader);
        }
        if (!Permission.REVIEW.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, params, "recorded video needs the investigator or admin role");
            return;
        }
        work.respond(ctx, () -> {
            CameraId camera = CameraId.of(id);
            if (RegionScope.camera(cameras, who, camera).isEmpty()) {
                return null;
            }
            List<RecordedSegment> segments = index.segments(camera, range.from(), range.to(), RecordingIndex.MAX_ROWS);
            RangeSelection selection = RangeSelector.select(sources.sources(segments), range.from(), range.to(),
                    RangeSettings.playback());
            return selection;
        }, (c, selection) -> {
            int status = selection == null || selection.isEmpty() ? 404 : 200;
            audit.record(c, who, ACTION, params, selection == null ? 0 : selection.fragmentCount(), status)
                    .onSuccess(v -> {
                        if (selection == null) {
                            c.fail(ApiProblem.notFound("no camera " + id));
                        } else if (selection.isEmpty()) {
                            c.fail(ApiProblem.notFound("nothing was recorded of camera " + id + " from " + range.from()
                                    + " to " + range.to()));
                        } else {
                            answer(c, selection);
                        }
                    }).onFailure(c::fail);
        });
    }

    /** {@code start/end@offset}: the gap's wall-clock span and the media time (seconds) where the file skips it. */
    static String gap(PlaybackGap g) {
        return g.start() + "/" + g.end() + "@" + g.at().toMillis() / 1000.0;
    }

    private void answer(RoutingContext c, RangeSelection selection) {
        PlaybackPlan plan = PlaybackPlan.of(selection);
        long length = plan.length();
        HttpServerResponse response = c.response().putHeader("Content-Type", "video/mp4")
                .putHeader("Accept-Ranges", "bytes").putHeader("Cache-Control", "private, no-store")
                .putHeader("X-Recording-Start", selection.start().toString())
                .putHeader("X-Recording-Gaps", selection.gaps().stream().map(PlaybackEndpoint::gap)
                        .collect(Collectors.joining(",")));
        selection.stop().ifPresent(s -> response.putHeader("X-Recording-Resume-From", s.resumeFrom().toString()));
        ByteRange wanted;
        try {
            wanted = ByteRange.parse(c.request().getHeader("Range"), length);
        } catch (ByteRange.Unsatisfiable e) {
            response.setStatusCode(416).putHeader("Content-Range", "bytes */" + length).end();
            return;
        }
        long first = wanted == null ? 0 : wanted.first();
        long last = wanted == null ? length - 1 : wanted.last();
        if (wanted != null) {
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + first + "-" + last + "/" + length);
        }
        response.putHeader("Content-Length", Long.toString(last - first + 1));
        if (c.request().method().name().equals("HEAD")) {
            response.end();
            return;
        }
        streams.submit(() -> {
            try (ResponseStream out = new ResponseStream(response)) {
                plan.write(first, last + 1, out);
            }
            return null;
        }).onFailure(e -> {
            // Headers are out: the only way to tell the client is to cut the connection.
            LOG.info("playback of {} stopped: {}", c.request().path(), e.toString());
            c.request().connection().close();
        });
    }
}
