package io.xueliang.synth.clip;

/** The ffmpeg executable could not be started. */
public final class FfmpegNotFoundException extends RuntimeException {
    private final String executable;

    public FfmpegNotFoundException(String executable, Throwable cause) {
        super("cannot run '" + executable + "': ffmpeg is required to encode clips (Debian: apt-get install ffmpeg;"
                + " or set -Dxueliang.ffmpeg=/path/to/ffmpeg)", cause);
        this.executable = executable;
    }

    public String executable() {
        return executable;
    }
}
