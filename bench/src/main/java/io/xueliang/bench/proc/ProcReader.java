package io.xueliang.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code /proc/PID/stat}, {@code /proc/PID/status} and {@code /proc/stat}. Linux only. */
public final class ProcReader {
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcReader() {
    }

    /** Sums CPU and RSS over {@code pids}; processes that have exited count as zero. */
    public static ProcessSample sample(Collection<Long> pids) {
        long cpu = 0;
        long rss = 0;
        for (long pid : pids) {
            cpu += cpuNanos(pid);
            rss += rssBytes(pid);
        }
        return new ProcessSample(cpu, rss, System.nanoTime());
    }

    /**
     * CPU time the whole machine spent busy so far (all CPUs, everything but idle and iowait), as a
     * sample with no RSS: compared with the processes measured, it shows what else ran meanwhile.
     */
    public static ProcessSample machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return new ProcessSample(busy * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, 0, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return new ProcessSample(0, 0, System.nanoTime());
        }
    }

    /**
     * CPU time so far of each thread of this JVM, summed by thread name with digits dropped
     * ({@code api-worker-1} and {@code api-worker-2} count as {@code api-worker-}); Linux keeps the
     * first 15 bytes of a thread's name.
     */
    public static Map<String, Long> threadCpuNanos() {
        Map<String, Long> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byName.merge(name, ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces; fields after it start past the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
