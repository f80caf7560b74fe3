package io.xueliang.bench.plates;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import io.xueliang.synth.scene.SceneRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Splits H.264 Annex-B into access units (ITU-T H.264 §7.4.1.2.3: a new picture starts at a first slice). */
    private static List<AccessUnit> split(int width, int height, int fps, byte[] annexB) {
        List<List<byte[]>> aus = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean currentHasVcl = false;
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : nalUnits(annexB)) {
            int type = nal[0] & 0x1f;
            boolean vcl = type >= 1 && type <= 5;
            boolean firstSlice = vcl && nal.length > 1 && (nal[1] & 0x80) != 0;
            boolean startsAu = type == 9 || type == 7 || type == 8 || type == 6;
            if (currentHasVcl && (firstSlice || startsAu)) {
                aus.add(current);
                current = new ArrayList<>();
                currentHasVcl = false;
            }
            if (type == 7 && sps == null) {
                sps = nal;
            } else if (type == 8 && pps == null) {
                pps = nal;
            }
            if (type == 9) {
                continue;
            }
            current.add(nal);
            currentHasVcl |= vcl;
        }
        if (currentHasVcl) {
            aus.add(current);
        }
        if (sps == null || pps == null) {
            throw new IllegalStateException("ffmpeg's stream has no SPS or PPS");
        }
        StreamDescription d = StreamDescription.h264(List.of(sps), List.of(pps), width, height);
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < aus.size(); i++) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            boolean key = false;
            for (byte[] nal : aus.get(i)) {
                key |= (nal[0] & 0x1f) == 5;
                payload.writeBytes(new byte[] {(byte) (nal.length >>> 24), (byte) (nal.length >>> 16),
                        (byte) (nal.length >>> 8), (byte) nal.length});
                payload.writeBytes(nal);
            }
            long pts = (long) i * 90_000 / fps;
            units.add(AccessUnit.handOver(CAMERA, d, pts, Instant.EPOCH.plusNanos(pts * 100_000 / 9), key,
                    payload.toByteArray()));
        }
        return List.copyOf(units);
    }

    private static List<byte[]> nalUnits(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> codeStarts = new ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                codeStarts.add(i > 0 && b[i - 1] == 0 ? i - 1 : i);
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? codeStarts.get(k + 1) : b.length;
            if (end > starts.get(k)) {
                out.add(Arrays.copyOfRange(b, starts.get(k), end));
            }
        }
        return out;
    }
}
