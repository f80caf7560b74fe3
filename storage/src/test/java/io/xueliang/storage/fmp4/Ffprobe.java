package io.xueliang.storage.fmp4;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks ffprobe about a file: what it says on stderr at level error, and the fields of one stream. */
public final class Ffprobe {
    /**
     * @param errors what ffprobe printed at {@code -v error} (empty for a clean file)
     * @param stream the stream's fields ({@code codec_name}, {@code codec_tag_string}, {@code nb_read_frames}, ...)
     * @param format the format's fields ({@code duration}, {@code nb_streams})
     */
    public record Result(String errors, Map<String, String> stream, Map<String, String> format) {
        public double formatDuration() {
            return Double.parseDouble(format.get("duration"));
        }

        public long frames() {
            return Long.parseLong(stream.get("nb_read_frames"));
        }
    }

    private Ffprobe() {
    }

    public static void require() {
        boolean ok;
        try {
            ok = new ProcessBuilder("ffprobe", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        if (!ok) {
            System.out.println("SKIPPED: ffprobe is not on the PATH: cannot check the MP4 files written");
        }
        assumeTrue(ok, "ffprobe is not on the PATH");
    }

    /** Probes one stream ({@code v:0}, {@code a:0}), decoding every frame to count them. */
    public static Result probe(Path file, String stream) throws IOException, InterruptedException {
        require();
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams",
                stream, "-show_entries", "stream=codec_name,codec_tag_string,nb_read_frames,width,height,duration,start_time"
                        + ":format=duration,nb_streams,format_name",
                "-of", "default=noprint_wrappers=0", file.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        p.waitFor();
        Map<String, String> streamFields = new LinkedHashMap<>();
        Map<String, String> formatFields = new LinkedHashMap<>();
        Map<String, String> into = null;
        for (String line : out.split("\n")) {
            line = line.strip();
            if (line.equals("[STREAM]")) {
                into = streamFields;
            } else if (line.equals("[FORMAT]")) {
                into = formatFields;
            } else if (line.startsWith("[/")) {
                into = null;
            } else if (into != null && line.contains("=")) {
                into.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return new Result(err.strip(), streamFields, formatFields);
    }
}
