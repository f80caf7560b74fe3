package io.xueliang.synth.clip;

import io.xueliang.synth.scene.RoadCamera;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a synthetic road scene and pipes it as raw BGR frames to an ffmpeg child process that
 * writes MPEG-TS; then writes the ground-truth sidecar. Usage:
 * <pre>
 * java -cp synth/target/classes io.xueliang.synth.clip.ClipGenerator --out road.ts --codec h264
 *     [--seconds 16] [--fps 25] [--gop-seconds 2] [--bitrate 1500k] [--seed 5]
 * </pre>
 * The ffmpeg executable is {@code ffmpeg} on the PATH unless the system property
 * {@code xueliang.ffmpeg} names another.
 */
public final class ClipGenerator {
    private final ClipOptions options;
    private final String ffmpeg;

    public ClipGenerator(ClipOptions options) {
        this(options, System.getProperty("xueliang.ffmpeg", "ffmpeg"));
    }

    public ClipGenerator(ClipOptions options, String ffmpegExecutable) {
        this.options = options;
        this.ffmpeg = ffmpegExecutable;
    }

    /**
     * Writes the clip and its sidecar.
     *
     * @return the path of the ground-truth JSON
     * @throws FfmpegNotFoundException when ffmpeg cannot be started
     * @throws FfmpegFailedException when ffmpeg fails
     */
    public Path generate() throws IOException, InterruptedException {
        TrafficPlan plan = new TrafficPlan(options.seed(), options.seconds());
        SceneRenderer renderer = new SceneRenderer(plan, options.seed(), options.cameraName(), options.osdStart());
        Path parent = options.out().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<String> command = FfmpegEncoderCommand.build(ffmpeg, options, RoadCamera.WIDTH, RoadCamera.HEIGHT);
        Path log = Files.createTempFile("xueliang-ffmpeg", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(log.toFile()).start();
            } catch (IOException e) {
                throw new FfmpegNotFoundException(ffmpeg, e);
            }
            try (OutputStream stdin = process.getOutputStream()) {
                for (int i = 0; i < options.frames(); i++) {
                    BufferedImage frame = renderer.render(i / (double) options.fps());
                    stdin.write(((DataBufferByte) frame.getRaster().getDataBuffer()).getData());
                }
            } catch (IOException e) {
                // ffmpeg closed its input early: its exit status and log say why
                process.waitFor();
                throw new FfmpegFailedException(process.exitValue(), command, tail(log));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new FfmpegFailedException(exit, command, tail(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        Path truth = options.groundTruthPath();
        Files.writeString(truth, GroundTruthWriter.toJson(options, plan, renderer::plateWidthAtCheckpoint),
                StandardCharsets.UTF_8);
        return truth;
    }

    private static String tail(Path log) throws IOException {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ClipOptions options;
        try {
            options = ClipArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ClipArguments.USAGE);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        Path truth = new ClipGenerator(options).generate();
        System.out.printf("wrote %s (%d bytes) and %s in %.1f s%n", options.out(), Files.size(options.out()), truth,
                (System.nanoTime() - start) / 1e9);
    }
}
