package io.xueliang.ingest.rtsp;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session is; every step checks its transition. OPTIONS and DESCRIBE may go back to
 * OPTIONS on a redirect; SETUP repeats once per track; any state may end in CLOSED.
 */
public enum RtspState {
    INIT, OPTIONS, DESCRIBE, SETUP, PLAY, PLAYING, TEARDOWN, CLOSED;

    public Set<RtspState> next() {
        return switch (this) {
            case INIT -> EnumSet.of(OPTIONS, CLOSED);
            case OPTIONS -> EnumSet.of(OPTIONS, DESCRIBE, CLOSED);
            case DESCRIBE -> EnumSet.of(OPTIONS, SETUP, CLOSED);
            case SETUP -> EnumSet.of(SETUP, PLAY, TEARDOWN, CLOSED);
            case PLAY -> EnumSet.of(PLAYING, TEARDOWN, CLOSED);
            case PLAYING -> EnumSet.of(TEARDOWN, CLOSED);
            case TEARDOWN -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(RtspState.class);
        };
    }

    public boolean canMoveTo(RtspState target) {
        return next().contains(target);
    }
}
