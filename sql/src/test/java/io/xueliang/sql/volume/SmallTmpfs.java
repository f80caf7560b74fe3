package io.xueliang.sql.volume;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a file system for real: {@code mount -t tmpfs -o size=...}, which needs
 * root (sessions and CI run as root). Where mounting is refused, the test is skipped with the reason printed.
 * Closing unmounts it.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path mount;

    private SmallTmpfs(Path mount) {
        this.mount = mount;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: {@code 8m}) at {@code mount}, created when missing. */
    public static SmallTmpfs mount(Path mount, String size, String purpose) throws IOException, InterruptedException {
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs",
                mount.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!mounted) {
            System.out.println("SKIPPED: cannot mount a " + size + " tmpfs for " + purpose + " (needs root): " + out);
        }
        assumeTrue(mounted, "mounting a small tmpfs needs root: " + out);
        return new SmallTmpfs(mount);
    }

    public Path path() {
        return mount;
    }

    /**
     * Fills the file system with {@code name} until a write fails for lack of space, leaving {@code spare} bytes or
     * fewer; returns the file.
     */
    public Path fill(String name, long spare) throws IOException {
        Path file = mount.resolve(name);
        long size = Math.max(0, Files.getFileStore(mount).getUsableSpace() - spare);
        try (var out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        } catch (IOException e) {
            if (!DiskFull.causedBy(e)) {
                throw e;
            }
        }
        return file;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
}
