package io.xueliang.media;

import java.time.Instant;

/**
 * A snapshot of one camera's ingest health, read when metrics are scraped or status is asked.
 *
 * @param lastFrameAt wall-clock arrival of the last access unit, null when none yet
 * @param lastError the reason the last session ended, null when none; never contains credentials
 * @param faults what ingest refused from the camera
 */
public record CameraHealth(
        CameraId camera,
        CameraState state,
        long frames,
        long bytes,
        long rtpPacketsLost,
        long reconnects,
        Instant lastFrameAt,
        String lastError,
        IngestFaults faults) {

    public CameraHealth {
        faults = faults == null ? IngestFaults.NONE : faults;
    }

    /** A camera with nothing refused. */
    public CameraHealth(CameraId camera, CameraState state, long frames, long bytes, long rtpPacketsLost,
            long reconnects, Instant lastFrameAt, String lastError) {
        this(camera, state, frames, bytes, rtpPacketsLost, reconnects, lastFrameAt, lastError, IngestFaults.NONE);
    }

    public boolean up() {
        return state == CameraState.PLAYING;
    }
}
