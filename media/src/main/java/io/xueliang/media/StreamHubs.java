package io.xueliang.media;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The hubs of all cameras of this process, created on first use. */
public final class StreamHubs {
    private final ConcurrentMap<CameraId, StreamHub> hubs = new ConcurrentHashMap<>();
    private final int readerCapacity;
    private final boolean keepKeyframes;

    /**
     * @param readerCapacity queue size of a reader that does not ask for its own ({@code ingest.hubQueueUnits})
     * @param keepKeyframes  whether each hub keeps its latest keyframe ({@code ingest.keepKeyframes})
     */
    public StreamHubs(int readerCapacity, boolean keepKeyframes) {
        this.readerCapacity = readerCapacity;
        this.keepKeyframes = keepKeyframes;
    }

    /** Hubs that keep their latest keyframes; see {@link #StreamHubs(int, boolean)}. */
    public StreamHubs(int readerCapacity) {
        this(readerCapacity, true);
    }

    /** Hubs whose readers queue {@link StreamHub#DEFAULT_READER_CAPACITY} units unless they ask otherwise. */
    public StreamHubs() {
        this(StreamHub.DEFAULT_READER_CAPACITY);
    }

    public StreamHub hub(CameraId camera) {
        return hubs.computeIfAbsent(camera, id -> new StreamHub(id, readerCapacity, keepKeyframes));
    }

    public Optional<StreamHub> find(CameraId camera) {
        return Optional.ofNullable(hubs.get(camera));
    }

    public void remove(CameraId camera) {
        hubs.remove(camera);
    }

    public Collection<StreamHub> all() {
        return hubs.values();
    }
}
