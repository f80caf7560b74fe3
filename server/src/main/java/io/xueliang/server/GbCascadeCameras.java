package io.xueliang.server;

import io.xueliang.ingest.gb28181.GbSharedCameras;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.recording.SegmentSources;
import io.xueliang.storage.playback.RecordedUnitReader;
import io.xueliang.storage.registry.CameraQuery;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The cameras superior GB/T 28181 platforms may see, read from the camera registry by region, and their recordings
 * from the recording index. The reads run on one thread of their own with a short queue: a superior asking its
 * catalog again and again waits its turn, and beyond the queue its queries fail (and are answered with nothing)
 * instead of piling up work.
 */
final class GbCascadeCameras implements GbSharedCameras, AutoCloseable {
    /** Cameras one catalog may carry; a county has 2,500-9,000. */
    static final int MAX_CAMERAS = 100_000;
    /** Segments apart by at most this much make one recording in a RecordInfo answer. */
    static final Duration JOIN_GAP = Duration.ofSeconds(2);
    private static final int MAX_SEGMENTS = 50_000;

    private final CameraRegistry registry;
    private final RecordingIndex recordings;
    private final ThreadPoolExecutor reads = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(32), r -> Thread.ofPlatform().name("gb28181-cascade-reads").daemon().unstarted(r));
    private volatile CameraHealthSource health;
    private volatile SegmentSources segments;

    GbCascadeCameras(CameraRegistry registry, RecordingIndex recordings) {
        this.registry = registry;
        this.recordings = recordings;
    }

    /** From now on cameras are online when ingest plays them; before, none is. */
    void start(CameraHealthSource source) {
        this.health = source;
    }

    /** From now on recordings can be played (the S3 tier, if any, is open); before, none can. */
    void playFrom(SegmentSources sources) {
        this.segments = sources;
    }

    @Override
    public CompletableFuture<List<Shared>> cameras(List<List<String>> regions) {
        return read(() -> {
            Map<CameraId, Shared> found = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
            for (List<String> region : regions) {
                String after = null;
                while (found.size() < MAX_CAMERAS) {
                    List<RegisteredCamera> page = registry.list(new CameraQuery(region, null, CameraQuery.MAX_LIMIT,
                            after));
                    page.forEach(r -> found.putIfAbsent(r.camera().id(), shared(r.camera())));
                    if (page.size() < CameraQuery.MAX_LIMIT) {
                        break;
                    }
                    after = page.get(page.size() - 1).camera().id().value();
                }
            }
            return List.copyOf(found.values()).subList(0, Math.min(found.size(), MAX_CAMERAS));
        });
    }

    private Shared shared(Camera c) {
        CameraHealthSource h = health;
        boolean playing = c.enabled() && h != null
                && h.cameraHealth(c.id()).map(CameraHealth::state).filter(s -> s == CameraState.PLAYING).isPresent();
        return new Shared(c.id(), c.name(), c.region(), c.location(), playing);
    }

    @Override
    public CompletableFuture<List<Span>> recordings(CameraId camera, Instant from, Instant to) {
        return read(() -> {
            List<Span> spans = new ArrayList<>();
            Optional<Span> open = Optional.empty();
            for (RecordedSegment s : recordings.segments(camera, from, to, MAX_SEGMENTS)) {
                if (open.isPresent() && !s.start().isAfter(open.get().end().plus(JOIN_GAP))) {
                    open = Optional.of(new Span(open.get().start(), s.end()));
                    continue;
                }
                open.ifPresent(spans::add);
                if (spans.size() >= MAX_SPANS) {
                    return spans;
                }
                open = Optional.of(new Span(s.start(), s.end()));
            }
            open.filter(x -> spans.size() < MAX_SPANS).ifPresent(spans::add);
            return spans;
        });
    }

    @Override
    public RecordedVideo open(CameraId camera, Instant from, Instant to) throws IOException {
        SegmentSources sources = segments;
        if (sources == null) {
            throw new IOException("recordings cannot be read yet: the server is starting");
        }
        List<RecordedSegment> found = recordings.segments(camera, from, to, MAX_SEGMENTS);
        RecordedUnitReader reader = new RecordedUnitReader(camera, sources.sources(found), from, to);
        return reader::next;
    }

    private <T> CompletableFuture<T> read(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, reads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many cascade queries at once", e));
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
    }
}
