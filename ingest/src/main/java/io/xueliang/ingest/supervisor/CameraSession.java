package io.xueliang.ingest.supervisor;

/** One attempt at pulling a camera, from connecting to closing. */
public interface CameraSession {
    /**
     * Ends the session (TEARDOWN where possible). Idempotent; the session's listener still hears
     * {@link CameraSessionListener#onClosed} once.
     */
    void stop();
}
