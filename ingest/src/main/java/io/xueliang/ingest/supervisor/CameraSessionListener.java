package io.xueliang.ingest.supervisor;

/** What a session tells its supervisor; may be called from any thread. */
public interface CameraSessionListener {
    /** The camera accepted PLAY; media should follow. */
    void onPlaying();

    /** The session is over, exactly once; {@code cause} is null when it was stopped on request. */
    void onClosed(Throwable cause);
}
