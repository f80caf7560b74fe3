package io.xueliang.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Storage I/O of a set of processes from {@code /proc/PID/io}, summed. {@code write_bytes} counts what a process sent
 * towards the block layer (pages it dirtied), whether the kernel has written them back yet or not;
 * {@code cancelled_write_bytes} what it dirtied and then truncated or deleted before write-back. Linux only; an
 * exited process counts as zero.
 *
 * @param readBytes           {@code read_bytes}
 * @param writeBytes          {@code write_bytes}
 * @param cancelledWriteBytes {@code cancelled_write_bytes}
 */
public record ProcIo(long readBytes, long writeBytes, long cancelledWriteBytes) {

    public static ProcIo sum(Collection<Long> pids) {
        long read = 0;
        long write = 0;
        long cancelled = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    long v = Long.parseLong(line.substring(colon + 1).trim());
                    switch (line.substring(0, colon)) {
                        case "read_bytes" -> read += v;
                        case "write_bytes" -> write += v;
                        case "cancelled_write_bytes" -> cancelled += v;
                        default -> {
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // exited: counts as zero
            }
        }
        return new ProcIo(read, write, cancelled);
    }

    /** Bytes written between {@code earlier} and this sample. */
    public long writtenSince(ProcIo earlier) {
        return writeBytes - earlier.writeBytes;
    }
}
