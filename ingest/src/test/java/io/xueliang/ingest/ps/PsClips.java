package io.xueliang.ingest.ps;

import io.xueliang.ingest.ts.FfmpegClips;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ElementaryStream;
import io.xueliang.media.StreamDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Program stream clips and access units made with ffmpeg's test sources, and ffmpeg/ffprobe as an independent
 * reader; a test that needs ffmpeg is skipped, saying why, where it is missing.
 */
final class PsClips {
    static final CameraId CAMERA = CameraId.of("34020000001320000001");
    static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
    static final long FIRST_PTS = 90_000;

    private PsClips() {
    }

    static void assumeFfmpeg() {
        Assumptions.assumeTrue(FfmpegClips.available(), "ffmpeg is not on the PATH: cannot make or read a PS clip");
    }

    /**
     * Encodes {@code frames} frames of 320x240 test pattern at 25 fps, a keyframe every {@code gop}, into a program
     * stream (ffmpeg writes no PSM).
     *
     * @param codec "h264" or "h265"
     * @param format "vob" (MPEG-2 packs) or "mpeg" (MPEG-1 packs and PES headers)
     */
    static byte[] programStream(Path dir, String codec, int frames, int gop, String format) throws Exception {
        return encode(dir, codec, frames, gop, format);
    }

    /** The same as an Annex B elementary stream cut into access units, 3600 ticks apart from {@link #FIRST_PTS}. */
    static List<AccessUnit> videoUnits(Path dir, String codec, int frames, int gop) throws Exception {
        byte[] annexB = encode(dir, codec, frames, gop, codec.equals("h264") ? "h264" : "hevc");
        return ElementaryStream.accessUnits(CAMERA, codec.equals("h264") ? Codec.H264 : Codec.H265, annexB, 320, 240,
                FIRST_PTS, 3600, START);
    }

    /** AAC-LC 8 kHz mono units of a sine tone from ffmpeg's ADTS output, headers stripped. */
    static List<AccessUnit> aacUnits(Path dir, double seconds) throws Exception {
        assumeFfmpeg();
        Path out = dir.resolve("tone-" + seconds + ".aac");
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=8000", "-t", Double.toString(seconds), "-c:a", "aac", "-f", "adts",
                out.toString()));
        byte[] adts = Files.readAllBytes(out);
        List<AccessUnit> units = new ArrayList<>();
        StreamDescription d = null;
        long pts = FIRST_PTS;
        for (int pos = 0; pos + 7 <= adts.length;) {
            int length = ((adts[pos + 3] & 0x3) << 11) | ((adts[pos + 4] & 0xFF) << 3) | ((adts[pos + 5] >> 5) & 0x7);
            int header = (adts[pos + 1] & 1) == 0 ? 9 : 7;
            if (d == null) {
                int profile = (adts[pos + 2] >> 6) & 3;
                int index = (adts[pos + 2] >> 2) & 0xF;
                int channels = ((adts[pos + 2] & 1) << 2) | ((adts[pos + 3] >> 6) & 3);
                d = StreamDescription.audio(Codec.AAC, 8000, channels, new byte[] {
                    (byte) (((profile + 1) << 3) | (index >> 1)), (byte) (((index & 1) << 7) | (channels << 3))});
            }
            units.add(AccessUnit.handOver(CAMERA, d, pts, START.plusNanos((pts - FIRST_PTS) * 100_000 / 9), true,
                    Arrays.copyOfRange(adts, pos + header, pos + length)));
            pts += 1024 * 90_000 / 8000;
            pos += length;
        }
        return units;
    }

    /** AAC-LC 8 kHz mono units of made-up bytes (the demuxer does not decode them), for inputs without ffmpeg. */
    static List<AccessUnit> syntheticAacUnits(int count) {
        StreamDescription d = StreamDescription.audio(Codec.AAC, 8000, 1, new byte[] {0x15, (byte) 0x88});
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[40 + i];
            Arrays.fill(frame, (byte) (0x21 + i));
            long pts = FIRST_PTS + i * 11_520L;
            units.add(AccessUnit.handOver(CAMERA, d, pts, START.plusMillis(128L * i), true, frame));
        }
        return units;
    }

    /** G.711 units of 40 ms (320 bytes at 8 kHz) with a recognisable pattern. */
    static List<AccessUnit> g711Units(Codec codec, int count) {
        StreamDescription d = StreamDescription.audio(codec, 8000, 1, null);
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] samples = new byte[320];
            Arrays.fill(samples, (byte) (0x55 ^ i));
            long pts = FIRST_PTS + i * 3600L;
            units.add(AccessUnit.handOver(CAMERA, d, pts, START.plusMillis(40L * i), true, samples));
        }
        return units;
    }

    /** Video and audio units in presentation order, video first at equal times (as a device sends them). */
    static List<AccessUnit> interleave(List<AccessUnit> video, List<AccessUnit> audio) {
        List<AccessUnit> all = new ArrayList<>(video);
        all.addAll(audio);
        all.sort(Comparator.comparingLong(AccessUnit::pts90k).thenComparing(u -> !u.isVideo()));
        return all;
    }

    private static byte[] encode(Path dir, String codec, int frames, int gop, String format) throws Exception {
        assumeFfmpeg();
        Path out = dir.resolve("clip-" + codec + "-" + frames + "-" + gop + "." + format);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=25", "-frames:v", Integer.toString(frames), "-pix_fmt", "yuv420p",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-bf", "0"));
        if (codec.equals("h264")) {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast"));
        } else {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                    "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:bframes=0:repeat-headers=1:log-level=error"));
        }
        cmd.addAll(List.of("-f", format, out.toString()));
        run(cmd);
        return Files.readAllBytes(out);
    }

    /** Runs a command to its end; fails with its output when it fails. Returns its standard output and error. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + log);
        }
        return log;
    }
}
