package io.xueliang.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

/** For tests that encode their own streams with ffmpeg: skips the test, saying why, when an encoder is missing. */
public final class FfmpegEncoders {
    private FfmpegEncoders() {
    }

    /** Skips the calling test, printing the reason, unless {@code ffmpeg -encoders} lists {@code encoder}. */
    public static void require(String encoder) {
        String why = null;
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                why = "ffmpeg -encoders failed";
            } else if (!out.contains(" " + encoder + " ")) {
                why = "ffmpeg has no " + encoder + " encoder";
            }
        } catch (IOException | InterruptedException e) {
            why = "ffmpeg is not on the PATH";
        }
        if (why != null) {
            System.out.println("SKIPPED: " + why + ": cannot make a test stream");
        }
        assumeTrue(why == null, why);
    }
}
