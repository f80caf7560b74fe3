package io.xueliang.ingest.gb28181;

import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.DevicePlayback;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Playback of what GB/T 28181 channels' devices recorded: an INVITE {@code s=Playback} to the channel's device. */
public final class GbDevicePlayback implements DevicePlayback {
    private final GbPlatform platform;

    public GbDevicePlayback(GbPlatform platform) {
        this.platform = platform;
    }

    @Override
    public boolean plays(Camera camera) {
        return GbChannelAddress.of(camera.source()).isPresent();
    }

    @Override
    public CompletableFuture<Session> open(Camera camera, Instant from, Instant to, CameraId feed) {
        if (GbChannelAddress.of(camera.source()).isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                    + " is no GB/T 28181 channel"));
        }
        return platform.playback(camera, from, to, feed).thenApply(s -> s);
    }
}
