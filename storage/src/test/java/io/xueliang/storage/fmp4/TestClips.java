package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ElementaryStream;
import io.xueliang.media.FfmpegEncoders;
import io.xueliang.media.StreamDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real encoded streams for the fMP4 tests: ffmpeg's test pattern encoded by libx264/libx265 (raw Annex-B) or its
 * AAC/G.711 encoders, cut into access units the way ingest hands them over (4-byte NAL lengths, access unit
 * delimiters dropped, in-band parameter sets kept on keyframes), with 90 kHz pts. Skips the test, saying why, when
 * ffmpeg or an encoder is missing.
 */
public final class TestClips {
    public static final CameraId CAMERA = new CameraId("cam-fmp4");
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final int FPS = 25;
    public static final int FRAME_TICKS = 90_000 / FPS;
    /** The camera's clock is far from zero: the file's media time must start at 0 regardless. */
    public static final long FIRST_PTS = 7_000_000_123L;
    public static final Instant FIRST_WALL_CLOCK = Instant.parse("2026-03-01T08:00:00Z");

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
    private static Path dir;

    /** A video stream: its description and access units. */
    public record Video(Codec codec, int gop, StreamDescription description, List<AccessUnit> units) {
        public int keyframes() {
            return (int) units.stream().filter(AccessUnit::isKeyframe).count();
        }
    }

    /** An audio stream. */
    public record Audio(Codec codec, StreamDescription description, List<AccessUnit> units) {
    }

    private TestClips() {
    }

    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("fmp4-clips");
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    /** 4 s of 640x360 test pattern at 25 fps, a keyframe every {@code gop} frames, no B-frames. */
    public static Video video(Codec codec, int gop) throws IOException, InterruptedException {
        String key = codec + "/" + gop;
        Object cached = CACHE.get(key);
        if (cached != null) {
            return (Video) cached;
        }
        boolean h264 = codec == Codec.H264;
        FfmpegEncoders.require(h264 ? "libx264" : "libx265");
        Path out = dir().resolve("clip-" + codec + "-" + gop + (h264 ? ".h264" : ".hevc"));
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
                "lavfi", "-i", "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS, "-t", "4", "-pix_fmt",
                "yuv420p", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                "-bf", "0"));
        if (h264) {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-f", "h264"));
        } else {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=" + gop
                    + ":min-keyint=" + gop + ":scenecut=0:bframes=0:log-level=error", "-f", "hevc"));
        }
        cmd.add(out.toString());
        run(cmd);
        Video v = split(codec, gop, Files.readAllBytes(out));
        CACHE.put(key, v);
        return v;
    }

    /**
     * 4 s of a 440 Hz tone: AAC-LC at 48 kHz (from ADTS, 1024 samples a frame) or G.711 at 8 kHz in 20 ms packets.
     */
    public static Audio audio(Codec codec) throws IOException, InterruptedException {
        Object cached = CACHE.get(codec.name());
        if (cached != null) {
            return (Audio) cached;
        }
        boolean aac = codec == Codec.AAC;
        FfmpegEncoders.require(aac ? "aac" : codec == Codec.PCMA ? "pcm_alaw" : "pcm_mulaw");
        int rate = aac ? 48_000 : 8_000;
        Path out = dir().resolve("tone-" + codec);
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=" + rate, "-t", "4", "-ac", "1",
                "-c:a", aac ? "aac" : codec == Codec.PCMA ? "pcm_alaw" : "pcm_mulaw",
                "-f", aac ? "adts" : codec == Codec.PCMA ? "alaw" : "mulaw", out.toString()));
        byte[] data = Files.readAllBytes(out);
        List<AccessUnit> units = new ArrayList<>();
        StreamDescription description;
        if (aac) {
            // ADTS header (ISO/IEC 13818-7 §6.2): profile(2) sampling index(4) channels(3) frame length(13)
            int profile = (data[2] >> 6) & 3;
            int sfi = (data[2] >> 2) & 0xf;
            int channels = ((data[2] & 1) << 2) | ((data[3] >> 6) & 3);
            int asc = (profile + 1) << 11 | sfi << 7 | channels << 3;
            description = StreamDescription.audio(Codec.AAC, rate, channels, new byte[] {(byte) (asc >> 8),
                    (byte) asc});
            int pos = 0;
            int i = 0;
            while (pos + 7 <= data.length) {
                int len = ((data[pos + 3] & 3) << 11) | ((data[pos + 4] & 0xff) << 3) | ((data[pos + 5] & 0xff) >> 5);
                int header = (data[pos + 1] & 1) == 1 ? 7 : 9;
                byte[] frame = java.util.Arrays.copyOfRange(data, pos + header, pos + len);
                units.add(AccessUnit.copyOf(CAMERA, description, FIRST_PTS + i * 1024L * 90_000 / rate,
                        FIRST_WALL_CLOCK.plusNanos(i * 1024L * 1_000_000_000L / rate), true, frame));
                pos += len;
                i++;
            }
        } else {
            description = StreamDescription.audio(codec, rate, 1, null);
            for (int i = 0; i * 160 < data.length; i++) {
                byte[] packet = java.util.Arrays.copyOfRange(data, i * 160, Math.min(data.length, (i + 1) * 160));
                units.add(AccessUnit.copyOf(CAMERA, description, FIRST_PTS + i * 1800L,
                        FIRST_WALL_CLOCK.plusMillis(i * 20L), true, packet));
            }
        }
        Audio a = new Audio(codec, description, List.copyOf(units));
        CACHE.put(codec.name(), a);
        return a;
    }

    /** Interleaves video and audio units by pts, as a camera's session delivers them. */
    public static List<AccessUnit> interleave(List<AccessUnit> video, List<AccessUnit> audio) {
        List<AccessUnit> all = new ArrayList<>(video);
        all.addAll(audio);
        all.sort(java.util.Comparator.comparingLong(AccessUnit::pts90k));
        return all;
    }

    /** Splits Annex-B into access units, as ingest hands them over. */
    static Video split(Codec codec, int gop, byte[] annexB) {
        List<AccessUnit> units = ElementaryStream.accessUnits(CAMERA, codec, annexB, WIDTH, HEIGHT, FIRST_PTS,
                FRAME_TICKS, FIRST_WALL_CLOCK);
        return new Video(codec, gop, units.getFirst().description(), units);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
    }
}
