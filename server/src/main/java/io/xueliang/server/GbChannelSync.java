package io.xueliang.server;

import io.xueliang.ingest.gb28181.GbPlatformListener;
import io.xueliang.media.Camera;
import io.xueliang.media.IngestControl;
import io.xueliang.storage.registry.CameraRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GB/T 28181 device's catalog into the camera registry, and what changed on to ingest, recording and plate reading
 * (the same {@link IngestControl} the API uses), so that a device's channels record and play like RTSP cameras.
 * Ingest starts before the rest of the server: catalogs wait for {@link #start} to be given the fan-out.
 */
final class GbChannelSync implements GbPlatformListener {
    private static final Logger log = LoggerFactory.getLogger(GbChannelSync.class);

    private final CameraRegistry registry;
    private final CompletableFuture<IngestControl> cameras = new CompletableFuture<>();

    GbChannelSync(CameraRegistry registry) {
        this.registry = registry;
    }

    /** From now on, registry changes go to {@code control}. */
    void start(IngestControl control) {
        cameras.complete(control);
    }

    @Override
    public void catalog(String deviceId, List<Camera> channels, boolean complete) {
        cameras.thenCompose(control -> registry.syncGbDevice(deviceId, channels, complete).thenAccept(sync -> {
            sync.upserted().forEach(control::put);
            sync.removed().forEach(control::remove);
            if (!sync.ownedElsewhere().isEmpty()) {
                log.warn("GB/T 28181 device {}: channel(s) {} not taken: the configuration file or the API registered"
                        + " those ids", deviceId, sync.ownedElsewhere());
            }
            if (!sync.upserted().isEmpty() || !sync.removed().isEmpty()) {
                log.info("GB/T 28181 device {}: {} channel(s) registered or changed, {} removed", deviceId,
                        sync.upserted().size(), sync.removed().size());
            }
        })).exceptionally(e -> {
            log.warn("GB/T 28181 device {}: its catalog could not be stored: {}", deviceId, e.toString());
            return null;
        });
    }
}
