package io.xueliang.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine at one moment, from {@code /proc/stat}, {@code /proc/diskstats} and {@code /proc/meminfo}: how
 * busy all CPUs were (to see load from processes outside the run), what one block device wrote, and how much written
 * data waits in the page cache. Linux only.
 *
 * @param busyNanos      CPU time of all cores not idle and not waiting for I/O, since boot
 * @param allNanos       CPU time of all cores, since boot
 * @param sectorsWritten 512-byte sectors written to the device, since boot
 * @param dirtyBytes     {@code Dirty} + {@code Writeback} of /proc/meminfo
 * @param atNanos        when the sample was taken (System.nanoTime)
 */
public record HostSample(long busyNanos, long allNanos, long sectorsWritten, long dirtyBytes, long atNanos) {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    /** @param device a block device name as in /proc/diskstats ({@code vda}, {@code nvme0n1}) */
    public static HostSample now(String device) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        String[] f = cpu.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
        long all = 0;
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            all += Long.parseLong(f[i]);
        }
        long sectors = 0;
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] d = line.trim().split("\\s+");
            if (d.length > 9 && d[2].equals(device)) {
                sectors = Long.parseLong(d[9]);
            }
        }
        long dirty = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
                dirty += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new HostSample((all - idle) * NANOS_PER_TICK, all * NANOS_PER_TICK, sectors, dirty, System.nanoTime());
    }

    /** Cores busy on average between {@code earlier} and now (2.0 = two cores fully busy). */
    public double busyCoresSince(HostSample earlier) {
        return (double) (busyNanos - earlier.busyNanos) / (atNanos - earlier.atNanos);
    }

    /** Bytes per second the device wrote between {@code earlier} and now. */
    public double deviceWriteBytesPerSecondSince(HostSample earlier) {
        return (sectorsWritten - earlier.sectorsWritten) * 512.0 / ((atNanos - earlier.atNanos) / 1e9);
    }
}
