package io.xueliang.storage.blob;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished local file waiting to be moved to the remote store, as its owner (the recording index) recorded it.
 *
 * @param id the owner's identifier of the file (the index row)
 * @param file the local file
 * @param key the blob key it is stored under ({@link BlobKey})
 * @param size its size in bytes when it was finished
 * @param sha256 its SHA-256 when it was finished, 64 lowercase hex digits, or null when none was recorded
 */
public record PendingUpload(long id, Path file, String key, long size, String sha256) {
    public PendingUpload {
        Objects.requireNonNull(file, "file");
        BlobKey.requireValid(key);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }
}
