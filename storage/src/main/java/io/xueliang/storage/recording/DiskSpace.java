package io.xueliang.storage.recording;

import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size and free space of the volume holding the recordings. */
public interface DiskSpace {
    long totalBytes() throws IOException;

    /** Bytes this process may still write. */
    long usableBytes() throws IOException;

    default double freePercent() throws IOException {
        long total = totalBytes();
        return total <= 0 ? 100 : 100.0 * usableBytes() / total;
    }

    /** The file system that {@code directory} is on (created when missing). */
    static DiskSpace of(Path directory) throws IOException {
        OwnerOnlyFiles.createDirectories(directory);
        FileStore store = Files.getFileStore(directory);
        return new DiskSpace() {
            @Override
            public long totalBytes() throws IOException {
                return store.getTotalSpace();
            }

            @Override
            public long usableBytes() throws IOException {
                return store.getUsableSpace();
            }
        };
    }
}
