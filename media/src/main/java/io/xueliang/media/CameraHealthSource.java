package io.xueliang.media;

import java.util.List;
import java.util.Optional;

/** Whatever can tell the health of the cameras it pulls (the ingest supervisor). */
public interface CameraHealthSource {
    List<CameraHealth> cameraHealth();

    /** One camera's health; sources that keep a map answer without listing them all. */
    default Optional<CameraHealth> cameraHealth(CameraId id) {
        return cameraHealth().stream().filter(h -> h.camera().equals(id)).findFirst();
    }
}
