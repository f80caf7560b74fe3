package io.xueliang.storage.blob;

/** A read that starts at or past the end of the blob. */
public class BlobRangeException extends BlobStoreException {
    private final long offset;

    public BlobRangeException(String key, long offset, String problem) {
        super("open", key, problem + " (offset " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
