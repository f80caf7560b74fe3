package io.xueliang.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Proportional set size of a set of processes from {@code /proc/PID/smaps_rollup}, summed: resident memory with each
 * shared page divided among the processes mapping it. Twenty ffmpeg processes share one copy of libavcodec, which RSS
 * counts twenty times. Linux 4.14+; an exited process counts as zero.
 */
public final class ProcPss {
    private ProcPss() {
    }

    public static long bytes(Collection<Long> pids) {
        long pss = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // exited: counts as zero
            }
        }
        return pss;
    }
}
