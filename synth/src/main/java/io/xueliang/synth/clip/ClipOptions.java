package io.xueliang.synth.clip;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param out the MPEG-TS file to write; the ground truth goes next to it with extension .json
 * @param codec video codec
 * @param seconds clip length; a whole number of GOPs makes the clip loop at a GOP boundary
 * @param fps frames per second
 * @param gopSeconds keyframe interval in seconds
 * @param bitrate target bits per second (also maxrate; the VBV buffer holds one second)
 * @param seed seeds traffic and background
 * @param cameraName name burnt into the OSD
 * @param osdStart wall-clock time the OSD shows on the first frame
 */
public record ClipOptions(Path out, ClipCodec codec, double seconds, int fps, double gopSeconds, long bitrate,
        long seed, String cameraName, ZonedDateTime osdStart) {

    public static final String DEFAULT_CAMERA_NAME = "易俗河卡口东 K12+300";
    public static final ZonedDateTime DEFAULT_OSD_START = ZonedDateTime.parse("2026-11-22T08:00:00+08:00[Asia/Shanghai]");

    public ClipOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(cameraName, "cameraName");
        Objects.requireNonNull(osdStart, "osdStart");
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("seconds " + seconds + " is outside (0, 3600]");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps " + fps + " is outside [1, 120]");
        }
        if (!(gopSeconds > 0) || Math.round(gopSeconds * fps) < 1) {
            throw new IllegalArgumentException("gop of " + gopSeconds + " s is less than one frame at " + fps + " fps");
        }
        if (bitrate < 10_000 || bitrate > 100_000_000) {
            throw new IllegalArgumentException("bitrate " + bitrate + " b/s is outside [10k, 100M]");
        }
    }

    /** The project's standard clip: 16 s, 25 fps, 2 s GOP, 1.5 Mbps. */
    public static ClipOptions standard(Path out, ClipCodec codec, long seed) {
        return new ClipOptions(out, codec, 16, 25, 2, 1_500_000, seed, DEFAULT_CAMERA_NAME, DEFAULT_OSD_START);
    }

    public int frames() {
        return (int) Math.round(seconds * fps);
    }

    public int gopFrames() {
        return (int) Math.round(gopSeconds * fps);
    }

    /** The sidecar path: {@code out} with its extension replaced by .json. */
    public Path groundTruthPath() {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }
}
