package io.xueliang.media;

/** Where a camera's ingest stands, as operators see it. */
public enum CameraState {
    /** Registered but not to be pulled. */
    STOPPED,
    /** Waiting for a connection slot (the global attempt rate limit). */
    WAITING,
    /** Connecting and negotiating (OPTIONS, DESCRIBE, SETUP, PLAY). */
    CONNECTING,
    /** Media is flowing. */
    PLAYING,
    /** The last attempt failed; waiting out the backoff before the next. */
    BACKOFF
}
