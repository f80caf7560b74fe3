package io.xueliang.ingest.simulator;

/** RTSP session states of RFC 2326 Appendix A.2 (server side, without PAUSE and RECORD). */
enum SessionState {
    INIT,
    READY,
    PLAYING;

    /** Whether {@code method} is allowed in this state; TEARDOWN, OPTIONS, DESCRIBE and GET_PARAMETER always are. */
    boolean allows(String method) {
        return switch (method) {
            case "SETUP" -> this != PLAYING;
            case "PLAY" -> this == READY || this == PLAYING;
            default -> true;
        };
    }

    /** The state after a successful {@code method}. */
    SessionState after(String method) {
        return switch (method) {
            case "SETUP" -> READY;
            case "PLAY" -> PLAYING;
            case "TEARDOWN" -> INIT;
            default -> this;
        };
    }
}
