package io.xueliang.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a reader needs to interpret a track's access units: the codec and its parameters.
 * Video carries its parameter sets (H.265 VPS, SPS, PPS; H.264 SPS, PPS) as raw NAL units
 * without start codes or length prefixes, and the coded size when known (0 when not yet known).
 * Audio carries sample rate, channels and, for AAC, the AudioSpecificConfig.
 *
 * <p>A new description instance means the parameters changed: a recorder starts a new segment.
 */
public record StreamDescription(
        Codec codec,
        List<byte[]> vps,
        List<byte[]> sps,
        List<byte[]> pps,
        int width,
        int height,
        int sampleRate,
        int channels,
        byte[] audioConfig) {

    public StreamDescription {
        Objects.requireNonNull(codec, "codec");
        vps = copy(vps);
        sps = copy(sps);
        pps = copy(pps);
        audioConfig = audioConfig == null ? new byte[0] : audioConfig.clone();
    }

    public static StreamDescription h264(List<byte[]> sps, List<byte[]> pps, int width, int height) {
        return new StreamDescription(Codec.H264, List.of(), sps, pps, width, height, 0, 0, null);
    }

    public static StreamDescription h265(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps, int width, int height) {
        return new StreamDescription(Codec.H265, vps, sps, pps, width, height, 0, 0, null);
    }

    public static StreamDescription audio(Codec codec, int sampleRate, int channels, byte[] audioConfig) {
        return new StreamDescription(codec, List.of(), List.of(), List.of(), 0, 0, sampleRate, channels, audioConfig);
    }

    /** True when a video track has every parameter set its codec needs to start decoding. */
    public boolean hasParameterSets() {
        return switch (codec) {
            case H264 -> !sps.isEmpty() && !pps.isEmpty();
            case H265 -> !vps.isEmpty() && !sps.isEmpty() && !pps.isEmpty();
            default -> true;
        };
    }

    @Override
    public byte[] audioConfig() {
        return audioConfig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamDescription d
                && codec == d.codec
                && sameBytes(vps, d.vps)
                && sameBytes(sps, d.sps)
                && sameBytes(pps, d.pps)
                && width == d.width
                && height == d.height
                && sampleRate == d.sampleRate
                && channels == d.channels
                && Arrays.equals(audioConfig, d.audioConfig);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(codec, width, height, sampleRate, channels);
        for (List<byte[]> l : List.of(vps, sps, pps)) {
            for (byte[] b : l) {
                h = 31 * h + Arrays.hashCode(b);
            }
        }
        return 31 * h + Arrays.hashCode(audioConfig);
    }

    @Override
    public String toString() {
        return codec.isVideo()
                ? "StreamDescription[" + codec + " " + width + "x" + height + " vps=" + vps.size()
                        + " sps=" + sps.size() + " pps=" + pps.size() + "]"
                : "StreamDescription[" + codec + " " + sampleRate + "Hz " + channels + "ch]";
    }

    private static List<byte[]> copy(List<byte[]> l) {
        return l == null ? List.of() : l.stream().map(byte[]::clone).toList();
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
