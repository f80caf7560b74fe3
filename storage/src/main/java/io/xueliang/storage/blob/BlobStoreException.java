package io.xueliang.storage.blob;

/**
 * A blob store operation that failed. Subclasses say what a caller can do about it: {@link RetriableBlobStoreException}
 * may succeed when tried again later (Kafka's {@code RetriableException}); the others will not until something changes
 * (the key, the file, the credentials or the bucket).
 */
public class BlobStoreException extends RuntimeException {
    private final String operation;
    private final String key;
    private final String code;

    /**
     * @param operation what was attempted: {@code put}, {@code open}, {@code size}, {@code delete}, {@code list}
     * @param key the key it was attempted on; for {@code list} the prefix
     * @param code the store's error code (an S3 error code such as {@code AccessDenied}), or null
     */
    public BlobStoreException(String operation, String key, String code, String problem, Throwable cause) {
        super(operation + " '" + key + "' failed: " + problem + (code == null ? "" : " (" + code + ")"), cause);
        this.operation = operation;
        this.key = key;
        this.code = code;
    }

    public BlobStoreException(String operation, String key, String problem) {
        this(operation, key, null, problem, null);
    }

    public String operation() {
        return operation;
    }

    public String key() {
        return key;
    }

    /** The store's error code, or null when the failure did not come with one (a local file, a dropped connection). */
    public String code() {
        return code;
    }

    /** True when the same operation may succeed later without anything being changed. */
    public boolean retriable() {
        return false;
    }
}
