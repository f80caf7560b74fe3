package io.xueliang.bench.api;

import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Camera health answered from a fixed map, standing in for the ingest supervisor (which also keeps
 * a map by camera id): the bench measures the API, not ingest.
 */
record MapCameraHealth(Map<CameraId, CameraHealth> byId) implements CameraHealthSource {
    MapCameraHealth {
        byId = Map.copyOf(byId);
    }

    @Override
    public List<CameraHealth> cameraHealth() {
        return List.copyOf(byId.values());
    }

    @Override
    public Optional<CameraHealth> cameraHealth(CameraId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
