package io.xueliang.ingest.gb28181;

import io.xueliang.media.Camera;
import io.xueliang.media.DeviceRecordings;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** What GB/T 28181 channels' devices recorded: a RecordInfo query to the channel's device. */
public final class GbDeviceRecordings implements DeviceRecordings {
    private final GbPlatform platform;

    public GbDeviceRecordings(GbPlatform platform) {
        this.platform = platform;
    }

    @Override
    public boolean asks(Camera camera) {
        return GbChannelAddress.of(camera.source()).isPresent();
    }

    @Override
    public CompletableFuture<Listing> list(Camera camera, Instant from, Instant to) {
        return GbChannelAddress.of(camera.source()).map(channel -> platform.recordings(channel, from, to))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                        + " is no GB/T 28181 channel")));
    }
}
