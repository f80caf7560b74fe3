package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The generated test clips and ffprobe, for tests of other storage packages (the recorder, playback). */
public final class RecordingClips {
    public static final int FPS = TestClips.FPS;
    public static final int FRAME_TICKS = TestClips.FRAME_TICKS;

    private RecordingClips() {
    }

    /** 4 s of 640x360 at 25 fps, a keyframe every {@code gop} frames, no B-frames (skips when the encoder is missing). */
    public static List<AccessUnit> video(Codec codec, int gop) throws IOException, InterruptedException {
        return TestClips.video(codec, gop).units();
    }

    public static StreamDescription description(Codec codec, int gop) throws IOException, InterruptedException {
        return TestClips.video(codec, gop).description();
    }

    /** ffprobe's errors for the first video stream (empty when clean) and its decoded frame count. */
    public record Probe(String errors, long frames, String codec, String tag) {
    }

    public static Probe probe(Path file) throws IOException, InterruptedException {
        Ffprobe.Result r = Ffprobe.probe(file, "v:0");
        String frames = r.stream().getOrDefault("nb_read_frames", "-1");
        return new Probe(r.errors(), Long.parseLong(frames.equals("N/A") ? "-1" : frames), r.stream().get("codec_name"),
                r.stream().get("codec_tag_string"));
    }
}
