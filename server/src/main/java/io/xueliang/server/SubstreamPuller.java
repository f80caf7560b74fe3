package io.xueliang.server;

import io.xueliang.api.live.SubstreamSource;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.IngestControl;

/**
 * Sub streams for video walls: an ingest session of the camera's {@code substream} URI under the feed's id, live
 * only (not recorded, no plate reading: ingest itself, not the fan-out to recording and plates), started with the
 * first viewer of the sub stream and stopped when its channel closes.
 */
final class SubstreamPuller implements SubstreamSource {
    private final IngestControl ingest;

    SubstreamPuller(IngestControl ingest) {
        this.ingest = ingest;
    }

    @Override
    public boolean start(Camera camera, CameraId feed) {
        if (camera.substream() == null || !camera.enabled()) {
            return false;
        }
        ingest.put(new Camera(feed, camera.name() + " (sub)", camera.region(), camera.location(), camera.substream(),
                null, camera.transport(), false, true, false, true, camera.direction(), camera.auth()));
        return true;
    }

    @Override
    public void stop(CameraId feed) {
        ingest.remove(feed);
    }
}
