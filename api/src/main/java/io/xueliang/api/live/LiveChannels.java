package io.xueliang.api.live;

import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHubs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watched cameras' {@link LiveChannel}s: one is made when a camera's first viewer arrives and closed when its last
 * leaves, so an unwatched camera costs nothing here. Bounds the viewers, in all and of one camera; counts viewers,
 * bytes and skips for the metrics.
 */
public final class LiveChannels implements AutoCloseable {
    /** What all channels count together. */
    record Counters(LongAdder bytes, LongAdder skips, LongAdder refused) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    private final StreamHubs hubs;
    private final int maxViewers;
    private final int maxViewersPerCamera;
    private final Counters counters = new Counters();
    private final LongAdder started = new LongAdder();
    /** Guarded by {@code this}. */
    private final Map<CameraId, LiveChannel> channels = new HashMap<>();
    private final Map<CameraId, Integer> viewers = new HashMap<>();
    private int total;

    public LiveChannels(StreamHubs hubs, int maxViewers, int maxViewersPerCamera) {
        if (maxViewers < 1 || maxViewersPerCamera < 1) {
            throw new IllegalArgumentException("viewer limits must be positive");
        }
        this.hubs = hubs;
        this.maxViewers = maxViewers;
        this.maxViewersPerCamera = maxViewersPerCamera;
    }

    /**
     * Takes a viewer's place on {@code camera}, to be {@link #attach attached} or {@link #release released}.
     *
     * @throws ApiProblem 429 when the server or the camera has as many viewers as allowed
     */
    synchronized void reserve(CameraId camera) {
        if (total >= maxViewers) {
            throw ApiProblem.tooManyRequests(Duration.ofSeconds(10), "the server has " + total
                    + " live viewers, the most it serves; close a tile or try again later");
        }
        int now = viewers.getOrDefault(camera, 0);
        if (now >= maxViewersPerCamera) {
            throw ApiProblem.tooManyRequests(Duration.ofSeconds(10), "camera " + camera.value() + " has " + now
                    + " live viewers, the most one camera serves");
        }
        viewers.put(camera, now + 1);
        total++;
    }

    /** Gives back a place {@link #reserve reserved} and never attached. */
    synchronized void release(CameraId camera) {
        int left = viewers.merge(camera, -1, Integer::sum);
        if (left <= 0) {
            viewers.remove(camera);
        }
        total--;
    }

    /** Starts sending {@code viewer} its camera's video, in the place reserved for it. */
    synchronized void attach(LiveViewer viewer) {
        started.increment();
        channels.computeIfAbsent(viewer.camera(), id -> new LiveChannel(hubs.hub(id), counters)).join(viewer);
    }

    /** Ends an attached viewer; the camera's channel closes with its last viewer. */
    synchronized void detach(LiveViewer viewer) {
        CameraId camera = viewer.camera();
        LiveChannel channel = channels.get(camera);
        if (channel != null) {
            channel.leave(viewer);
        }
        release(camera);
        if (!viewers.containsKey(camera) && channel != null) {
            channels.remove(camera);
            channel.close();
        }
    }

    Counters counters() {
        return counters;
    }

    /** The latest keyframe of {@code camera} while someone watches it live. */
    synchronized Optional<AccessUnit> lastKeyframe(CameraId camera) {
        return Optional.ofNullable(channels.get(camera)).map(LiveChannel::lastKeyframe);
    }

    /** The hubs the channels read: where a snapshot of an unwatched camera waits for its next keyframe. */
    StreamHubs hubs() {
        return hubs;
    }

    /** Viewers now, in all. */
    public synchronized int viewers() {
        return total;
    }

    /** Cameras with at least one viewer now. */
    public synchronized List<CameraId> watched() {
        return List.copyOf(channels.keySet());
    }

    /** Live views started since the server started. */
    public long started() {
        return started.sum();
    }

    /** Bytes sent to live viewers. */
    public long bytesSent() {
        return counters.bytes().sum();
    }

    /** Times a viewer fell behind and skipped to the next keyframe. */
    public long skips() {
        return counters.skips().sum();
    }

    /** Keyframes that could not be packaged (codec or parameter sets an MP4 cannot carry). */
    public long refused() {
        return counters.refused().sum();
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(LiveChannel::close);
        channels.clear();
    }
}
