package io.xueliang.storage.registry;

import io.xueliang.media.Camera;
import java.time.Instant;

/** A camera as the registry holds it: the camera itself and its bookkeeping. */
public record RegisteredCamera(Camera camera, CameraOrigin origin, Instant created, Instant updated) {
}
