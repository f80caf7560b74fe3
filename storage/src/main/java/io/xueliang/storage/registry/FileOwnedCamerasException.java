package io.xueliang.storage.registry;

import io.xueliang.media.CameraId;
import java.util.List;

/** A change through the API named cameras that the configuration file owns (the API answers 409 or 400). */
public final class FileOwnedCamerasException extends RuntimeException {
    private final List<CameraId> cameras;

    public FileOwnedCamerasException(List<CameraId> cameras) {
        super(cameras.size() + " camera(s) come from the configuration file: " + cameras);
        this.cameras = List.copyOf(cameras);
    }

    public List<CameraId> cameras() {
        return cameras;
    }
}
