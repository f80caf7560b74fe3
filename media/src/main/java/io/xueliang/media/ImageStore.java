package io.xueliang.media;

import java.io.IOException;
import java.time.Instant;

/**
 * Keeps evidence images (plate crops, overview frames) where the recordings are kept: local disk or
 * S3. Implemented by {@code storage} over its blob store; analytics only sees this interface.
 * Blocking: call from worker threads.
 */
public interface ImageStore {
    /**
     * Stores {@code jpeg} for {@code camera} at {@code time}.
     *
     * @param name a short name unique for the camera and time, of {@code A-Z a-z 0-9 - _}
     * @return the blob key to refer to it by
     */
    String store(CameraId camera, Instant time, String name, byte[] jpeg) throws IOException;
}
