package io.xueliang.analytics.decode;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ElementaryStream;
import io.xueliang.media.FfmpegEncoders;
import io.xueliang.media.StreamDescription;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Encoded test streams made here: pictures drawn in Java (or rendered by synth) piped to ffmpeg as raw BGR, encoded
 * by libx264/libx265 as raw Annex-B without B-frames, and cut into access units the way ingest hands them over
 * (4-byte NAL lengths, delimiters dropped, in-band parameter sets kept), as storage's TestClips does. Skips, saying
 * why, when ffmpeg or an encoder is missing.
 */
public final class TestStreams {
    public static final CameraId CAMERA = new CameraId("cam-decode");
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final int FPS = 25;
    public static final int FRAME_TICKS = 90_000 / FPS;
    public static final long FIRST_PTS = 5_000_000_000L;
    public static final Instant FIRST_WALL_CLOCK = Instant.parse("2026-05-01T06:00:00Z");
    /** Width of the bar whose position tells which picture is shown. */
    public static final int BAR = 8;

    private static final Map<String, Video> CACHE = new ConcurrentHashMap<>();

    /** A stream: its description and access units. */
    public record Video(Codec codec, int width, int height, StreamDescription description, List<AccessUnit> units) {
        public long keyframes() {
            return units.stream().filter(AccessUnit::isKeyframe).count();
        }
    }

    private TestStreams() {
    }

    /**
     * {@code frames} pictures of the {@link #pattern}: four coloured quadrants and a white bar at x = 8 * index
     * (mod width), so a decoded picture shows both its colours and which picture it is.
     */
    public static Video pattern(Codec codec, int frames, int gop) throws IOException, InterruptedException {
        String key = codec + "/" + frames + "/" + gop;
        Video cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Video v = encode(codec, WIDTH, HEIGHT, frames, gop, FIRST_PTS, TestStreams::pattern);
        CACHE.put(key, v);
        return v;
    }

    /** Picture {@code index} of the pattern. */
    public static BufferedImage pattern(int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(220, 30, 30));
            g.fillRect(0, 0, WIDTH / 2, HEIGHT / 2);
            g.setColor(new Color(30, 200, 30));
            g.fillRect(WIDTH / 2, 0, WIDTH / 2, HEIGHT / 2);
            g.setColor(new Color(30, 30, 220));
            g.fillRect(0, HEIGHT / 2, WIDTH / 2, HEIGHT / 2);
            g.setColor(new Color(128, 128, 128));
            g.fillRect(WIDTH / 2, HEIGHT / 2, WIDTH / 2, HEIGHT / 2);
            g.setColor(Color.WHITE);
            g.fillRect(barX(index), 0, BAR, HEIGHT);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Left edge of the bar in picture {@code index}. */
    public static int barX(int index) {
        return (index * BAR) % WIDTH;
    }

    /** Index of the pattern picture with {@code pts} in a stream starting at {@code firstPts}. */
    public static int index(long pts, long firstPts) {
        return (int) ((pts - firstPts) / FRAME_TICKS);
    }

    /** Encodes {@code frames} pictures of {@code width} x {@code height} drawn by {@code picture}. */
    public static Video encode(Codec codec, int width, int height, int frames, int gop, long firstPts,
            IntFunction<BufferedImage> picture) throws IOException, InterruptedException {
        return encode(codec, width, height, frames, gop, firstPts, picture, List.of("-preset", "ultrafast"));
    }

    /** As {@link #encode(Codec, int, int, int, int, long, IntFunction)}, with the encoder's preset and rate options. */
    public static Video encode(Codec codec, int width, int height, int frames, int gop, long firstPts,
            IntFunction<BufferedImage> picture, List<String> encoderOptions) throws IOException, InterruptedException {
        boolean h264 = codec == Codec.H264;
        FfmpegEncoders.require(h264 ? "libx264" : "libx265");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "rawvideo",
                "-pix_fmt", "bgr24", "-s", width + "x" + height, "-r", Integer.toString(FPS), "-i", "pipe:0",
                "-pix_fmt", "yuv420p", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop),
                "-sc_threshold", "0", "-bf", "0"));
        if (h264) {
            cmd.addAll(List.of("-c:v", "libx264"));
            cmd.addAll(encoderOptions);
            cmd.addAll(List.of("-f", "h264"));
        } else {
            cmd.addAll(List.of("-c:v", "libx265"));
            cmd.addAll(encoderOptions);
            cmd.addAll(List.of("-x265-params", "keyint=" + gop
                    + ":min-keyint=" + gop + ":scenecut=0:bframes=0:log-level=error", "-f", "hevc"));
        }
        cmd.add("pipe:1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            for (int i = 0; i < frames; i++) {
                BufferedImage image = picture.apply(i);
                BufferedImage bgr = image;
                if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                    bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    bgr.getGraphics().drawImage(image, 0, 0, null);
                }
                in.write(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
            }
        }
        byte[] annexB = out.join();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed with exit code " + p.exitValue());
        }
        return split(codec, width, height, firstPts, annexB);
    }

    /** Splits Annex-B into access units, as ingest hands them over. */
    static Video split(Codec codec, int width, int height, long firstPts, byte[] annexB) {
        List<AccessUnit> units = ElementaryStream.accessUnits(CAMERA, codec, annexB, width, height, firstPts,
                FRAME_TICKS, FIRST_WALL_CLOCK.plusMillis((firstPts - FIRST_PTS) / 90));
        return new Video(codec, width, height, units.getFirst().description(), units);
    }

    /** A copy of {@code unit} with another payload (same times, flag and description). */
    public static AccessUnit withPayload(AccessUnit unit, byte[] payload) {
        return AccessUnit.handOver(unit.camera(), unit.description(), unit.pts90k(), unit.wallClock(),
                unit.isKeyframe(), payload);
    }

    /** A copy of {@code unit} with other times. */
    public static AccessUnit shifted(AccessUnit unit, long pts, Instant wallClock) {
        return AccessUnit.handOver(unit.camera(), unit.description(), pts, wallClock, unit.isKeyframe(),
                unit.copyPayload());
    }
}
