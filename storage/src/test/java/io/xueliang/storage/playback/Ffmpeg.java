package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.Ffprobe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs ffmpeg on a file the way a player would read it. Skips the test, saying why, when ffmpeg is missing. */
final class Ffmpeg {
    /** @param errors what ffmpeg printed at {@code -v error}; empty for a clean run */
    record Run(int exit, String output, String errors) {
    }

    private Ffmpeg() {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        Ffprobe.require();
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), out, new String(err).strip());
    }

    /** Decodes {@code file} from {@code seconds} on, one frame: what a player does when the user seeks there. */
    static Run seekAndDecodeOneFrame(Path file, double seconds) throws IOException, InterruptedException {
        return run("-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds), "-i", file.toString(),
                "-frames:v", "1", "-f", "null", "-");
    }

    /** The MD5 of every decoded video frame, in presentation order (ffmpeg's framemd5 muxer). */
    static List<String> frameHashes(Path file) throws IOException, InterruptedException {
        Run r = run("-i", file.toString(), "-map", "0:v:0", "-f", "framemd5", "-");
        if (r.exit() != 0 || !r.errors().isEmpty()) {
            throw new AssertionError("ffmpeg could not decode " + file + ": " + r.errors());
        }
        List<String> hashes = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                hashes.add(line.substring(line.lastIndexOf(',') + 1).strip());
            }
        }
        return hashes;
    }
}
