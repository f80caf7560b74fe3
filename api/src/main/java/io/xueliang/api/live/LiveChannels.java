package io.xueliang.api.live;

import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHubs;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watched cameras' {@link LiveChannel}s: one is made when a camera's first viewer arrives and closed a while
 * (the linger) after its last leaves, so an unwatched camera costs nothing here. A channel's first viewer waits for
 * the camera's next keyframe (up to a GOP, a second or two); one that comes back within the linger (a page reload, a
 * layout switched back, a tour's next round) starts at once from the kept GOP. At most {@link #MAX_LINGERING}
 * channels linger, the longest idle closing first: each holds a GOP. Bounds the viewers, in all and of one camera;
 * counts viewers, bytes and skips for the metrics. A camera's LL-HLS window is one viewer of its channel, closed
 * when no player asked for it for {@link #HLS_IDLE}.
 */
public final class LiveChannels implements AutoCloseable {
    /** What all channels count together. */
    record Counters(LongAdder bytes, LongAdder skips, LongAdder refused) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** Channels kept without viewers at most (each holds a GOP: about 0.5 MiB at 2 Mbit/s and 2 s). */
    static final int MAX_LINGERING = 256;

    private final StreamHubs hubs;
    private final InstantSource clock;
    private final Duration linger;
    /** A camera's LL-HLS window nobody asked for this long is closed (players reload every half second). */
    static final Duration HLS_IDLE = Duration.ofSeconds(30);
    /** The cameras' LL-HLS windows, each one viewer of its channel. Guarded by {@code this}. */
    private final Map<CameraId, HlsWindow> hls = new HashMap<>();
    /** Channels without viewers, by when their last viewer left, oldest first. Guarded by {@code this}. */
    private final Map<CameraId, Instant> idle = new LinkedHashMap<>();
    private final int maxViewers;
    private final int maxViewersPerCamera;
    private final Counters counters = new Counters();
    private final LongAdder started = new LongAdder();
    /** Guarded by {@code this}. */
    private final Map<CameraId, LiveChannel> channels = new HashMap<>();
    /** Viewers a camera (main and sub stream together), for the caps. */
    private final Map<CameraId, Integer> viewers = new HashMap<>();
    /** What each channel feeds now (WebSockets and the LL-HLS window), by its feed id, for its lifetime. */
    private final Map<CameraId, Integer> sinks = new HashMap<>();
    /** Sub-stream feeds being pulled, each with its camera. */
    private final Map<CameraId, CameraId> subFeeds = new HashMap<>();
    private SubstreamSource substreams = SubstreamSource.NONE;
    private int total;

    /** Channels that close with their last viewer. */
    public LiveChannels(StreamHubs hubs, int maxViewers, int maxViewersPerCamera) {
        this(hubs, maxViewers, maxViewersPerCamera, Instant::now, Duration.ZERO);
    }

    /** Channels kept {@code linger} after their last viewer ({@link #closeIdle} closes them). */
    public LiveChannels(StreamHubs hubs, int maxViewers, int maxViewersPerCamera, InstantSource clock, Duration linger) {
        if (maxViewers < 1 || maxViewersPerCamera < 1) {
            throw new IllegalArgumentException("viewer limits must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.clock = clock;
        this.linger = linger;
        this.hubs = hubs;
        this.maxViewers = maxViewers;
        this.maxViewersPerCamera = maxViewersPerCamera;
    }

    /** Where sub streams come from (none until set). */
    public synchronized LiveChannels substreams(SubstreamSource source) {
        this.substreams = source;
        return this;
    }

    /**
     * The feed id of {@code camera}'s sub stream: its hub and its ingest session's name ({@code <id>--sub}); none for
     * an id too long to take the suffix.
     */
    public static Optional<CameraId> subFeed(CameraId camera) {
        String id = camera.value() + "--sub";
        return id.length() <= 64 ? Optional.of(new CameraId(id)) : Optional.empty();
    }

    /**
     * The feed a viewer of {@code camera} is sent: its sub stream when asked for and the camera has one (pulled
     * from now on: the channel is made at once, and closes like any other), else the main stream.
     */
    synchronized CameraId feed(Camera registered, boolean sub) {
        CameraId camera = registered.id();
        if (!sub || registered.substream() == null) {
            return camera;
        }
        Optional<CameraId> feed = subFeed(camera);
        if (feed.isEmpty()) {
            return camera;
        }
        CameraId f = feed.get();
        if (!channels.containsKey(f)) {
            if (!substreams.start(registered, f)) {
                return camera;
            }
            subFeeds.put(f, camera);
            channels.put(f, new LiveChannel(hubs.hub(f), counters));
            idle.put(f, clock.instant()); // no viewer yet: closes after the linger unless one comes
        }
        return f;
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

    /** Starts sending {@code viewer} its feed's video, in the place reserved for it on its camera. */
    synchronized void attach(LiveViewer viewer) {
        started.increment();
        join(viewer.feed(), viewer);
    }

    private void join(CameraId feed, LiveSink sink) {
        sinks.merge(feed, 1, Integer::sum);
        idle.remove(feed);
        channels.computeIfAbsent(feed, id -> new LiveChannel(hubs.hub(id), counters)).join(sink);
    }

    /** Ends an attached viewer; its feed's channel closes (or lingers) with its last viewer. */
    synchronized void detach(LiveViewer viewer) {
        leave(viewer.camera(), viewer.feed(), viewer);
    }

    /**
     * The LL-HLS window of {@code camera}, made (taking a viewer's place) when the camera has none: one window a
     * camera serves every HLS player of it.
     *
     * @throws ApiProblem 429 when the server or the camera has as many viewers as allowed
     */
    synchronized HlsWindow hls(CameraId camera) {
        HlsWindow window = hls.get(camera);
        if (window == null) {
            reserve(camera);
            window = new HlsWindow();
            hls.put(camera, window);
            join(camera, window);
        }
        window.touch();
        return window;
    }

    /** The camera's LL-HLS window if one is open (its media are asked for after its playlist). */
    synchronized Optional<HlsWindow> hlsIfOpen(CameraId camera) {
        HlsWindow window = hls.get(camera);
        if (window != null) {
            window.touch();
        }
        return Optional.ofNullable(window);
    }

    private void leave(CameraId camera, CameraId feed, LiveSink sink) {
        LiveChannel channel = channels.get(feed);
        if (channel != null) {
            channel.leave(sink);
        }
        release(camera);
        int left = sinks.merge(feed, -1, Integer::sum);
        if (left > 0 || channel == null) {
            return;
        }
        sinks.remove(feed);
        if (linger.isZero()) {
            closeChannel(feed);
            return;
        }
        idle.put(feed, clock.instant());
        if (idle.size() > MAX_LINGERING) {
            CameraId oldest = idle.keySet().iterator().next();
            idle.remove(oldest);
            closeChannel(oldest);
        }
    }

    /** Closes a feed's channel, and stops pulling it when it is a sub stream. */
    private void closeChannel(CameraId feed) {
        LiveChannel channel = channels.remove(feed);
        if (channel != null) {
            channel.close();
        }
        if (subFeeds.remove(feed) != null) {
            substreams.stop(feed);
        }
    }

    /** Closes the channels without viewers for the linger or longer; returns how many. */
    public synchronized int closeIdle() {
        for (var it = hls.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().idleNanos() >= HLS_IDLE.toNanos()) {
                it.remove();
                leave(e.getKey(), e.getKey(), e.getValue());
            }
        }
        Instant before = clock.instant().minus(linger);
        int closed = 0;
        for (var it = idle.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isAfter(before)) {
                break; // oldest first: the rest left later
            }
            it.remove();
            closeChannel(e.getKey());
            closed++;
        }
        return closed;
    }

    /** Channels kept now without a viewer. */
    public synchronized int lingering() {
        return idle.size();
    }

    Counters counters() {
        return counters;
    }

    /** The hubs the channels read: a snapshot's keyframe. */
    StreamHubs hubs() {
        return hubs;
    }

    /** Viewers now, in all. */
    public synchronized int viewers() {
        return total;
    }

    /** Cameras with at least one viewer now. */
    public synchronized List<CameraId> watched() {
        return List.copyOf(viewers.keySet());
    }

    /** Sub streams being pulled now (watched, or lingering). */
    public synchronized int substreamsPulled() {
        return subFeeds.size();
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
        subFeeds.keySet().forEach(substreams::stop);
        subFeeds.clear();
        idle.clear();
        hls.clear();
        sinks.clear();
    }
}
