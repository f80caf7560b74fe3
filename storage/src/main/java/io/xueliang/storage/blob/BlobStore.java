package io.xueliang.storage.blob;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where immutable files live for good: finished recording segments, evidence exports, plate images. A blob is written
 * once, whole, from a local file, and then only read, listed and deleted. Keys follow {@link BlobKey}.
 *
 * <p>Every method blocks on disk or network: call from worker threads, never from an event loop. Failures are
 * {@link BlobStoreException}s; {@link BlobStoreException#retriable()} says whether trying later may help. An invalid
 * key or argument is an {@link IllegalArgumentException}.
 */
public interface BlobStore {
    /** The most entries one {@link #list} call returns; bounds the memory of a listing. */
    int MAX_LIST_KEYS = 1000;

    /**
     * Stores the local file {@code source} under {@code key}, whole or not at all. The file is checked against
     * {@code size} and, when given, {@code sha256} before it counts as stored, so that a truncated or damaged file never
     * replaces the record of a good one.
     *
     * <p>Idempotent: when a blob with the same size (and SHA-256, when given) is already stored under the key, nothing
     * is written, so a retry after a lost answer is safe. A different blob under the key is a
     * {@link BlobIntegrityException}: blobs are immutable.
     *
     * @param sha256 the file's SHA-256 as 64 lowercase hex digits, or null to check the size only
     * @throws BlobNotFoundException when {@code source} does not exist
     * @throws BlobIntegrityException when {@code source} does not match {@code size} or {@code sha256}, or another
     *         blob is stored under the key
     */
    void put(String key, Path source, long size, String sha256);

    /**
     * Reads {@code length} bytes from {@code offset}, or fewer where the blob ends sooner. The caller closes the stream.
     *
     * @throws BlobNotFoundException when nothing is stored under the key
     * @throws BlobRangeException when {@code length > 0} and {@code offset} is at or past the end of the blob
     */
    InputStream open(String key, long offset, long length);

    /** The size of the blob under {@code key}, or empty when there is none. */
    OptionalLong size(String key);

    /** True when a blob is stored under {@code key}. */
    default boolean exists(String key) {
        return size(key).isPresent();
    }

    /** Deletes the blob under {@code key}; deleting what is not there is no failure. */
    void delete(String key);

    /**
     * The keys that start with {@code prefix}, in ascending key order, after {@code startAfter}.
     *
     * @param prefix a valid prefix ({@link BlobKey#requireValidPrefix}); empty for every key
     * @param startAfter list keys after this one (exclusive), or null from the start; usually the previous page's
     *        {@link BlobPage#next()}
     * @param maxKeys 1-{@value #MAX_LIST_KEYS}
     */
    BlobPage list(String prefix, String startAfter, int maxKeys);

    /** What the recording index stores as this store's location: {@code local} or {@code s3}. */
    String location();
}
