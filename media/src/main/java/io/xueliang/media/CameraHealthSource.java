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

    /** Whether the camera is streaming now (a camera never started is not). */
    default boolean playing(CameraId id) {
        return cameraHealth(id).map(CameraHealth::state).orElse(CameraState.STOPPED) == CameraState.PLAYING;
    }
}
