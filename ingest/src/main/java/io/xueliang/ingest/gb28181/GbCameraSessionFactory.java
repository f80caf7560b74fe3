package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSession;
import io.xueliang.ingest.supervisor.CameraSessionFactory;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHubs;

/** Opens live sessions of GB/T 28181 channels (cameras whose source is a {@link GbChannelAddress}). */
public final class GbCameraSessionFactory implements CameraSessionFactory {
    private final GbMediaResources media;
    private final StreamHubs hubs;

    GbCameraSessionFactory(GbMediaResources media, StreamHubs hubs) {
        this.media = media;
        this.hubs = hubs;
    }

    /** @throws IllegalArgumentException when the camera's source is no {@code gb28181:} address */
    @Override
    public CameraSession open(Camera camera, CameraCounters counters, CameraSessionListener listener) {
        GbChannelAddress address = GbChannelAddress.of(camera.source()).orElseThrow(() ->
                new IllegalArgumentException("camera " + camera.id() + " is no GB/T 28181 channel"));
        GbCameraSession session = new GbCameraSession(camera, address, counters, listener, hubs.hub(camera.id()),
                media);
        session.start();
        return session;
    }
}
