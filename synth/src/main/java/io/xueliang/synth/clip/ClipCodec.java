package io.xueliang.synth.clip;

/** The video codecs a clip can be encoded with, and the ffmpeg encoder for each. */
public enum ClipCodec {
    H264("h264", "libx264"),
    H265("h265", "libx265");

    private final String label;
    private final String encoder;

    ClipCodec(String label, String encoder) {
        this.label = label;
        this.encoder = encoder;
    }

    public String label() {
        return label;
    }

    public String encoder() {
        return encoder;
    }

    /** Parses "h264" or "h265" (also "hevc"), case-insensitive. */
    public static ClipCodec parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "h264", "avc" -> H264;
            case "h265", "hevc" -> H265;
            default -> throw new IllegalArgumentException("unknown codec '" + s + "', expected h264 or h265");
        };
    }
}
