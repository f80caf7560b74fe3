package io.xueliang.ingest.sdp.gb28181;

/**
 * The GB-only {@code f=} line of GB/T 28181-2016: the media format a device sends.
 *
 * <pre>
 *  f = v/codec/resolution/framerate/bitrateType/bitrate a/codec/bitrate/samplerate
 *  f=v/2/5/25/1/4096a/1/8/1      H.264, 1080P, 25 fps, CBR 4096 kbit/s; G.711, 64 kbit/s, 8 kHz
 * </pre>
 * Video codec 1 MPEG-4, 2 H.264, 3 SVAC, 4 3GP, 5 H.265 (2022); audio codec 1 G.711, 2 G.723.1,
 * 3 G.729, 4 G.722.1. Every field may be empty ({@code f=v/////a///}); values are kept as text,
 * because devices also write {@code 1920x1080} where a resolution code belongs.
 */
public record GbMediaFormat(String videoCodec, String resolution, String frameRate, String bitrateType,
                            String bitrate, String audioCodec, String audioBitrate, String sampleRate) {

    /** Reads an {@code f=} value leniently: missing fields are empty, extra ones ignored. */
    public static GbMediaFormat parse(String value) {
        String v = value.strip();
        String video = "";
        String audio = "";
        int a = v.indexOf('a');
        if (v.startsWith("v")) {
            video = a < 0 ? v.substring(1) : v.substring(1, a);
        }
        if (a >= 0) {
            audio = v.substring(a + 1);
        }
        String[] vf = fields(video, 5);
        String[] af = fields(audio, 3);
        return new GbMediaFormat(vf[0], vf[1], vf[2], vf[3], vf[4], af[0], af[1], af[2]);
    }

    private static String[] fields(String part, int n) {
        String[] out = new String[n];
        String[] split = part.startsWith("/") ? part.substring(1).split("/", -1) : new String[0];
        for (int i = 0; i < n; i++) {
            out[i] = i < split.length ? split[i].strip() : "";
        }
        return out;
    }

    /** The {@code f=} value. */
    @Override
    public String toString() {
        return "v/" + videoCodec + "/" + resolution + "/" + frameRate + "/" + bitrateType + "/" + bitrate
                + "a/" + audioCodec + "/" + audioBitrate + "/" + sampleRate;
    }
}
