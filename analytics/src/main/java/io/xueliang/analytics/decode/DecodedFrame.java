package io.xueliang.analytics.decode;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded picture of a camera, with the times of the access unit it came from.
 *
 * @param pts90k the unit's presentation time on the 90 kHz clock
 * @param wallClock the instant the unit was captured (see {@link io.xueliang.media.AccessUnit#wallClock()})
 */
public record DecodedFrame(CameraId camera, long pts90k, Instant wallClock, BgrImage image) {
    public DecodedFrame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(image, "image");
    }
}
