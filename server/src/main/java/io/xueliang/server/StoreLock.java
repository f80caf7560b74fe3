package io.xueliang.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per store: a lock on {@code <storage.root>/xueliang.lock}, held from the start to the
 * stop. A second server on the same root would repair the first one's open segments at its start and
 * delete its files by retention; it is refused instead. The operating system releases the lock when
 * the process dies, so a crash never leaves the store locked. The file holds the process id, for
 * the message.
 */
final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StoreInUseException when another server (in this process or another) holds the store */
    static StoreLock acquire(Path root) throws IOException, StoreInUseException {
        Files.createDirectories(root);
        Path file = root.resolve("xueliang.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process: a second server in the same JVM
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
                throw new StoreInUseException(root, holder);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new StoreLock(channel, lock);
        } catch (IOException | StoreInUseException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another server holds the store. */
    static final class StoreInUseException extends StartRefusedException {
        private static final long serialVersionUID = 1L;

        StoreInUseException(Path root, String holder) {
            super("storage.root " + root + " is in use by another xueliang server"
                    + (holder.isEmpty() ? "" : " (process " + holder + ")") + "; stop it or choose another root", null);
        }
    }
}
