package io.xueliang.media;

import java.util.List;

/** Whatever can tell the health of the cameras it pulls (the ingest supervisor). */
public interface CameraHealthSource {
    List<CameraHealth> cameraHealth();
}
