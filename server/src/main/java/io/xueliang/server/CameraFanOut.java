package io.xueliang.server;

import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.IngestControl;
import io.xueliang.storage.recording.RecordingService;

/**
 * What a registry change sets going: ingest pulls the camera (or lets it go), and recording follows it. The API and
 * the start-up sync hand every change here, so nothing can start a camera without its recording, or the reverse.
 */
final class CameraFanOut implements IngestControl {
    private final IngestControl ingest;
    private final RecordingService recording;

    CameraFanOut(IngestControl ingest, RecordingService recording) {
        this.ingest = ingest;
        this.recording = recording;
    }

    @Override
    public void put(Camera camera) {
        recording.put(camera); // subscribe before ingest publishes, so the first keyframe is recorded
        ingest.put(camera);
    }

    @Override
    public void remove(CameraId id) {
        ingest.remove(id);
        recording.remove(id);
    }
}
