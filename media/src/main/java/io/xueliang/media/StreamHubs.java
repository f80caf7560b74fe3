package io.xueliang.media;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The hubs of all cameras of this process, created on first use. */
public final class StreamHubs {
    private final ConcurrentMap<CameraId, StreamHub> hubs = new ConcurrentHashMap<>();

    public StreamHub hub(CameraId camera) {
        return hubs.computeIfAbsent(camera, StreamHub::new);
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
