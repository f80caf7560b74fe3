package io.xueliang.media;

/** The elementary stream formats xueliang carries without decoding. */
public enum Codec {
    H264(true),
    H265(true),
    AAC(false),
    /** G.711 A-law. */
    PCMA(false),
    /** G.711 mu-law. */
    PCMU(false);

    private final boolean video;

    Codec(boolean video) {
        this.video = video;
    }

    public boolean isVideo() {
        return video;
    }
}
