package io.xueliang.storage.recording;

/** A segment file's life: written, then finished (closed and hashed). */
public enum SegmentState {
    OPEN,
    FINISHED
}
