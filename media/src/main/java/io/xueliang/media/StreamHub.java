package io.xueliang.media;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fan-out of one camera's access units to any number of readers (recorder, live outputs,
 * analytics). Every reader has its own bounded queue; publishing never blocks and never waits
 * for a reader. A reader whose queue is full loses what it had queued and everything after it up
 * to the next video keyframe, and the loss is counted on that reader alone: the camera and the
 * other readers carry on untouched.
 *
 * <p>The hub also keeps the camera's latest video keyframe ({@link #latestKeyframe}): a live view of a camera nobody
 * watched shows it at once instead of waiting up to a GOP for the next, and a snapshot needs no wait. It costs one
 * keyframe a camera, off the heap (about 200 KiB at 720p and 2 Mbit/s), not a GOP. It is dropped when the stream ends
 * or pauses (a gap of {@link #STALE_GAP} between two pictures), so that it is never a picture from before an outage;
 * a hub made not to keep it ({@code ingest.keepKeyframes: false}) has none.
 *
 * <p>{@link #publish} is called by one camera session at a time; readers may run on any thread.
 */
public final class StreamHub {
    private final CameraId camera;
    private final List<StreamReader> readers = new CopyOnWriteArrayList<>();
    private final AtomicReference<StreamDescription> videoDescription = new AtomicReference<>();
    private final int defaultCapacity;
    private final boolean keepKeyframes;
    private volatile long published;
    private final KeptKeyframe keptKeyframe = new KeptKeyframe();
    // publishing thread only
    private Instant lastVideoAt;

    /** Pictures further apart than this are an outage (a stalled network, a camera back from a reboot). */
    public static final Duration STALE_GAP = Duration.ofSeconds(3);

    /** Queue size of a reader that does not ask for its own: 20 s of 25 fps video. */
    public static final int DEFAULT_READER_CAPACITY = 512;

    public StreamHub(CameraId camera) {
        this(camera, DEFAULT_READER_CAPACITY);
    }

    /** @param defaultCapacity queue size for {@link #subscribe(String)} */
    public StreamHub(CameraId camera, int defaultCapacity) {
        this(camera, defaultCapacity, true);
    }

    /**
     * @param defaultCapacity queue size for {@link #subscribe(String)}
     * @param keepKeyframes   whether {@link #latestKeyframe} is kept (else it is always null)
     */
    public StreamHub(CameraId camera, int defaultCapacity, boolean keepKeyframes) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.defaultCapacity = defaultCapacity;
        this.keepKeyframes = keepKeyframes;
    }

    public CameraId camera() {
        return camera;
    }

    /**
     * Offers {@code unit} to every reader. Never blocks.
     *
     * @throws IllegalArgumentException when the unit belongs to another camera
     */
    public void publish(AccessUnit unit) {
        if (!unit.camera().equals(camera)) {
            throw new IllegalArgumentException("access unit of " + unit.camera() + " published to hub of " + camera);
        }
        if (unit.isVideo()) {
            videoDescription.lazySet(unit.description());
            if (keepKeyframes) {
                keepKeyframe(unit);
            }
        }
        published++;
        for (StreamReader reader : readers) {
            reader.offer(unit);
        }
    }

    private void keepKeyframe(AccessUnit unit) {
        if (unit.isKeyframe()) {
            keptKeyframe.keep(unit);
        } else if (lastVideoAt != null && Duration.between(lastVideoAt, unit.wallClock()).compareTo(STALE_GAP) > 0) {
            keptKeyframe.clear();
        }
        lastVideoAt = unit.wallClock();
    }

    /**
     * The stream ended (the camera session closed): the kept keyframe is from a past run and is dropped. Called by
     * the session that published.
     */
    public void ended() {
        keptKeyframe.clear();
    }

    /**
     * A copy of the latest video keyframe of the stream running now, with its parameter sets; null before the first,
     * after {@link #ended}, after a pause until the next keyframe, and always in a hub that does not keep one. Each
     * call copies the keyframe: ask once.
     */
    public AccessUnit latestKeyframe() {
        return keptKeyframe.get(camera);
    }

    /**
     * Adds a reader with the hub's default queue size ({@code ingest.hubQueueUnits}). The reader starts at the next video
     * keyframe, so its first unit is decodable on its own.
     *
     * @param name what the reader is, for metrics and logs ("recorder", "live-ws-17")
     */
    public StreamReader subscribe(String name) {
        return subscribe(name, defaultCapacity);
    }

    /** Adds a reader with its own queue size; see {@link #subscribe(String)}. */
    public StreamReader subscribe(String name, int capacity) {
        return subscribe(name, capacity, Long.MAX_VALUE);
    }

    /**
     * Adds a reader whose queue holds at most {@code capacity} units and {@code maxBytes} bytes of payload: a slow
     * reader of a high-bitrate camera then overflows (and drops to the next keyframe) before it holds much memory.
     */
    public StreamReader subscribe(String name, int capacity, long maxBytes) {
        return subscribe(name, capacity, maxBytes, null);
    }

    /**
     * Adds a reader whose queue holds at most {@code capacity} units and {@code maxBytes} bytes of payload, and whose
     * queued bytes are also taken from {@code budget}, shared with other readers (null: none); see
     * {@link QueueBudget}.
     */
    public StreamReader subscribe(String name, int capacity, long maxBytes, QueueBudget budget) {
        StreamReader reader = new StreamReader(this, name, capacity, maxBytes, budget);
        readers.add(reader);
        return reader;
    }

    void remove(StreamReader reader) {
        readers.remove(reader);
    }

    public List<StreamReader> readers() {
        return List.copyOf(readers);
    }

    /** The latest video parameters seen, or null before the first video unit. */
    public StreamDescription videoDescription() {
        return videoDescription.get();
    }

    /** Units published since the hub was created. */
    public long published() {
        return published;
    }
}
