package io.xueliang.synth.clip;

import java.nio.file.Path;
import java.util.Locale;

/** Parses {@link ClipGenerator}'s command line. */
final class ClipArguments {
    static final String USAGE = "usage: ClipGenerator --out FILE.ts [--codec h264|h265] [--seconds 16] [--fps 25]"
            + " [--gop-seconds 2] [--bitrate 1500k] [--seed 5]";

    private ClipArguments() {
    }

    static ClipOptions parse(String[] args) {
        Path out = null;
        ClipCodec codec = ClipCodec.H264;
        double seconds = 16;
        int fps = 25;
        double gop = 2;
        long bitrate = 1_500_000;
        long seed = 5;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--out" -> out = Path.of(value);
                    case "--codec" -> codec = ClipCodec.parse(value);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--fps" -> fps = Integer.parseInt(value);
                    case "--gop-seconds" -> gop = Double.parseDouble(value);
                    case "--bitrate" -> bitrate = parseBitrate(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": '" + value + "' is not a number");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        return new ClipOptions(out, codec, seconds, fps, gop, bitrate, seed, ClipOptions.DEFAULT_CAMERA_NAME,
                ClipOptions.DEFAULT_OSD_START);
    }

    /** "1500000", "1500k" or "1.5M" bits per second. */
    static long parseBitrate(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (v.endsWith("k")) {
            factor = 1e3;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1e6;
            v = v.substring(0, v.length() - 1);
        }
        return Math.round(Double.parseDouble(v) * factor);
    }
}
