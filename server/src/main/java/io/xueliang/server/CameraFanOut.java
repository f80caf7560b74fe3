package io.xueliang.server;

import io.xueliang.analytics.plate.PlateReadingService;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.IngestControl;
import io.xueliang.storage.recording.RecordingService;

/**
 * What a registry change sets going: ingest pulls the camera (or lets it go), and recording and plate reading
 * follow it. The API and
 * the start-up sync hand every change here, so nothing can start a camera without its recording, or the reverse.
 */
final class CameraFanOut implements IngestControl {
    private final IngestControl ingest;
    private final RecordingService recording;
    private final PlateReadingService plates;

    CameraFanOut(IngestControl ingest, RecordingService recording, PlateReadingService plates) {
        this.ingest = ingest;
        this.recording = recording;
        this.plates = plates;
    }

    @Override
    public void put(Camera camera) {
        recording.put(camera); // subscribe before ingest publishes, so the first keyframe is recorded
        plates.put(camera);
        ingest.put(camera);
    }

    @Override
    public void remove(CameraId id) {
        ingest.remove(id);
        recording.remove(id);
        plates.remove(id);
    }
}
