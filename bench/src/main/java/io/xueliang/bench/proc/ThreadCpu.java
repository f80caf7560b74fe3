package io.xueliang.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of one process's threads grouped by thread name, from {@code /proc/PID/task/TID/comm} and {@code stat}:
 * where a JVM's CPU goes without a profiler. Numbers in names are dropped so that pools group together
 * ({@code recording-writer-1} and {@code -2} are {@code recording-writer-#}); Linux keeps only the first 15 characters
 * of a name. Threads that ended between two samples are missing from the later one. Linux only.
 */
public final class ThreadCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    private ThreadCpu() {
    }

    /** CPU nanoseconds (user + system) of the threads of {@code pid} so far, by name group. */
    public static Map<String, Long> byName(long pid) {
        Map<String, Long> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    cpu.merge(name, ticks * NANOS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return cpu;
    }

    /** Share of a core per name group between two samples {@code seconds} apart, largest first. */
    public static Map<String, Double> coresBetween(Map<String, Long> earlier, Map<String, Long> later, double seconds) {
        Map<String, Double> cores = new HashMap<>();
        later.forEach((name, nanos) -> cores.put(name, (nanos - earlier.getOrDefault(name, 0L)) / 1e9 / seconds));
        Map<String, Double> sorted = new LinkedHashMap<>();
        cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
