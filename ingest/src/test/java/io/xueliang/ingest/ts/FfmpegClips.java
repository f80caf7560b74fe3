package io.xueliang.ingest.ts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Makes small MPEG-TS clips with ffmpeg's test source, for tests; skips the test when ffmpeg is missing. */
public final class FfmpegClips {
    private FfmpegClips() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Encodes {@code frames} frames of 320x240 test pattern at {@code fps} with a keyframe every {@code gop}.
     *
     * @param codec "h264" or "h265"
     */
    public static byte[] make(Path dir, String codec, int frames, int fps, int gop) throws IOException,
            InterruptedException {
        Assumptions.assumeTrue(available(), "ffmpeg is not on the PATH: cannot generate a test clip");
        Path out = dir.resolve("clip-" + codec + "-" + frames + ".ts");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=" + fps, "-frames:v", Integer.toString(frames), "-pix_fmt", "yuv420p",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-bf", "0"));
        if (codec.equals("h264")) {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast"));
        } else {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                    "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:bframes=0:repeat-headers=1:log-level=error"));
        }
        cmd.addAll(List.of("-f", "mpegts", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
        return Files.readAllBytes(out);
    }
}
