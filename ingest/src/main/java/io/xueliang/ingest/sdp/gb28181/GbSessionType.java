package io.xueliang.ingest.sdp.gb28181;

import java.util.Optional;

/** The {@code s=} of a GB INVITE: what the media session is for. */
public enum GbSessionType {
    PLAY("Play"), PLAYBACK("Playback"), DOWNLOAD("Download"), TALK("Talk");

    private final String sessionName;

    GbSessionType(String sessionName) {
        this.sessionName = sessionName;
    }

    /** As written in {@code s=}. */
    public String sessionName() {
        return sessionName;
    }

    /** The type of an {@code s=} value, any case; empty for the names some devices answer with. */
    public static Optional<GbSessionType> of(String sessionName) {
        for (GbSessionType t : values()) {
            if (t.sessionName.equalsIgnoreCase(sessionName.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
