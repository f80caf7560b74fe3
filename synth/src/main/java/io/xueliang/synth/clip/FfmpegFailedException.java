package io.xueliang.synth.clip;

import java.util.List;

/** ffmpeg ended with a non-zero status; carries the command and the end of its log. */
public final class FfmpegFailedException extends RuntimeException {
    private final int exitCode;
    private final List<String> command;
    private final String logTail;

    public FfmpegFailedException(int exitCode, List<String> command, String logTail) {
        super("ffmpeg exited with " + exitCode + ": " + String.join(" ", command) + "\n" + logTail);
        this.exitCode = exitCode;
        this.command = List.copyOf(command);
        this.logTail = logTail;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> command() {
        return command;
    }

    public String logTail() {
        return logTail;
    }
}
