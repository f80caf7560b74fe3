package io.xueliang.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ffprobe on MP4 files the server wrote: errors (empty when clean) and decoded video frames. */
final class Ffprobe {
    private Ffprobe() {
    }

    record Result(String errors, long frames, String codec, double duration) {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("ffprobe", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!ok) {
                System.out.println("SKIPPED: ffprobe does not run: cannot check the MP4 files written");
            }
            return ok;
        } catch (IOException | InterruptedException e) {
            System.out.println("SKIPPED: ffprobe is not on the PATH: cannot check the MP4 files written");
            return false;
        }
    }

    static Result probe(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,nb_read_frames:format=duration", "-of", "default=noprint_wrappers=1",
                file.toString())).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        long frames = -1;
        String codec = null;
        double duration = Double.NaN;
        for (String line : out.split("\n")) {
            String[] kv = line.strip().split("=", 2);
            if (kv.length == 2) {
                switch (kv[0]) {
                    case "nb_read_frames" -> frames = kv[1].equals("N/A") ? -1 : Long.parseLong(kv[1]);
                    case "codec_name" -> codec = kv[1];
                    case "duration" -> duration = kv[1].equals("N/A") ? Double.NaN : Double.parseDouble(kv[1]);
                    default -> { }
                }
            }
        }
        return new Result(err, frames, codec, duration);
    }
}
