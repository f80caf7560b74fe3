package io.xueliang.ingest.gst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short MPEG-TS test clips made by ffmpeg from its {@code testsrc2} pattern: no third-party media
 * is committed. Generated once per JVM into a temp directory.
 */
public final class TsClips {
    private static Path dir;
    private static Boolean ffmpeg;

    private TsClips() {
    }

    public static synchronized boolean ffmpegAvailable() {
        if (ffmpeg == null) {
            try {
                Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ffmpeg = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                ffmpeg = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ffmpeg = false;
            }
        }
        return ffmpeg;
    }

    public static String unavailableReason() {
        return "ffmpeg not on PATH: cannot generate MPEG-TS test clips";
    }

    /** 4 s, 640x360, 25 fps, GOP 50, no B-frames, H.264. */
    public static synchronized Path h264() throws IOException, InterruptedException {
        return clip("h264.ts", "libx264");
    }

    /** The same in H.265. */
    public static synchronized Path h265() throws IOException, InterruptedException {
        return clip("h265.ts", "libx265");
    }

    private static Path clip(String name, String encoder) throws IOException, InterruptedException {
        if (dir == null) {
            dir = Files.createTempDirectory("xueliang-ts");
            dir.toFile().deleteOnExit();
        }
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        List<String> cmd = List.of("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-t", "4", "-c:v", encoder, "-g", "50", "-bf", "0",
                "-preset", "ultrafast", "-f", "mpegts", file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed for " + name + ": " + out);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
