package io.xueliang.bench.plates;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ElementaryStream;
import io.xueliang.synth.scene.SceneRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A rendered checkpoint clip encoded as a camera would send it: synth's traffic for {@code busySeconds}, then the
 * empty road (clock still running) for {@code quietSeconds}, piped to ffmpeg as raw BGR, libx264 without B-frames at
 * a fixed GOP, and cut into access units as ingest hands them over (4-byte NAL lengths, in-band parameter sets kept).
 */
record CheckpointClip(int fps, double seconds, List<AccessUnit> units) {
    static final CameraId CAMERA = new CameraId("plate-bench");
    /** Most Annex-B bytes read back from ffmpeg: 64 MiB is minutes of 720p at camera bitrates. */
    private static final int MAX_STREAM_BYTES = 64 << 20;

    static CheckpointClip encode(SceneRenderer scene, int width, int height, int fps, double busySeconds,
            double quietSeconds, int gop, String bitrate, String preset) throws IOException, InterruptedException {
        int frames = (int) Math.round((busySeconds + quietSeconds) * fps);
        List<String> cmd = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt",
                "bgr24", "-s", width + "x" + height, "-r", Integer.toString(fps), "-i", "pipe:0", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-preset", preset, "-profile:v", "main", "-b:v", bitrate, "-g",
                Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-bf", "0",
                "-f", "h264", "pipe:1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] b = in.readNBytes(MAX_STREAM_BYTES + 1);
                if (b.length > MAX_STREAM_BYTES) {
                    throw new IOException("ffmpeg wrote over " + MAX_STREAM_BYTES + " bytes");
                }
                return b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            for (int i = 0; i < frames; i++) {
                double t = i / (double) fps;
                BufferedImage image = t < busySeconds ? scene.render(t) : scene.renderEmptyRoad(t);
                in.write(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
            }
        }
        byte[] annexB = out.join();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed with exit code " + p.exitValue());
        }
        return new CheckpointClip(fps, frames / (double) fps, split(width, height, fps, annexB));
    }

    /** The units of the clip played for the {@code loop}th time (from 0), times continuing from the loops before. */
    List<AccessUnit> loop(int loop, Instant start) {
        long offset = Math.round(loop * seconds * 90_000);
        List<AccessUnit> out = new ArrayList<>(units.size());
        for (AccessUnit u : units) {
            long pts = u.pts90k() + offset;
            out.add(AccessUnit.handOver(u.camera(), u.description(), pts, start.plusNanos(pts * 100_000 / 9),
                    u.isKeyframe(), u.copyPayload()));
        }
        return out;
    }

    /** Splits H.264 Annex-B into access units, as ingest hands them over, from pts 0 at the epoch. */
    private static List<AccessUnit> split(int width, int height, int fps, byte[] annexB) {
        return ElementaryStream.accessUnits(CAMERA, Codec.H264, annexB, width, height, 0, 90_000 / fps, Instant.EPOCH);
    }
}
