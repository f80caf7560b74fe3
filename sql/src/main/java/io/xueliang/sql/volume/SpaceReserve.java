package io.xueliang.sql.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space kept back on the storage volume for the database: a file of zeros ({@code <root>/space.reserve}) that is
 * deleted the moment the volume is found full, so that the index, the audit trail, logins and holds keep working
 * (the API keeps answering, audited reads included) while recording has stopped, and written again once the volume
 * has room. Without it, the recorders that filled the volume would leave the database nothing: SQLite can reuse its
 * log but not grow, and every audited request would be refused.
 */
public final class SpaceReserve {
    public static final String FILE_NAME = "space.reserve";
    private static final Logger LOG = LoggerFactory.getLogger(SpaceReserve.class);
    private static final int WRITE_BYTES = 1 << 20;

    private final Path file;
    private final long bytes;

    /**
     * @param root  the storage root the reserve is kept in
     * @param bytes how much to keep back; 0 keeps none
     */
    public SpaceReserve(Path root, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a reserve of " + bytes + " bytes");
        }
        this.file = root.resolve(FILE_NAME);
        this.bytes = bytes;
    }

    public Path file() {
        return file;
    }

    /** The bytes this reserve keeps back when it is held. */
    public long size() {
        return bytes;
    }

    /** Bytes it holds now: {@link #size()} when whole, less after {@link #release()} or a failed {@link #hold()}. */
    public long held() {
        try {
            return Files.isRegularFile(file) ? Math.min(bytes, Files.size(file)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Writes the reserve (zeros, so that the blocks are really taken, then synced) unless it is whole already. On a
     * volume without the room it fails and holds nothing.
     */
    public void hold() throws IOException {
        if (bytes == 0 || held() == bytes) {
            return;
        }
        Files.deleteIfExists(file);
        ByteBuffer zeros = ByteBuffer.allocate(WRITE_BYTES);
        try (FileChannel out = OwnerOnlyFiles.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))) {
            for (long written = 0; written < bytes; ) {
                zeros.clear().limit((int) Math.min(WRITE_BYTES, bytes - written));
                written += out.write(zeros);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Gives the reserve's space back to the volume; true when it held any. */
    public boolean release() {
        try {
            boolean held = Files.deleteIfExists(file);
            if (held) {
                LOG.warn("released the {} MiB kept back on the storage volume for the database", bytes >> 20);
            }
            return held;
        } catch (IOException e) {
            LOG.error("could not delete the space reserve {}: {}", file, e.toString());
            return false;
        }
    }
}
