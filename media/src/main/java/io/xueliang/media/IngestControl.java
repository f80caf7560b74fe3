package io.xueliang.media;

/** What the rest of the process may ask of ingest: pull a camera (or apply its changes), stop one. */
public interface IngestControl {
    /** Starts pulling {@code camera}, or applies a changed registration; other cameras are not touched. */
    void put(Camera camera);

    /** Stops pulling a camera (TEARDOWN). */
    void remove(CameraId id);
}
