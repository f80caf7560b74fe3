package io.xueliang.storage.blob;

/**
 * A failure that may go away by itself: the store could not be reached, timed out, answered 5xx or asked us to slow
 * down, or the local disk was full. Try again later, with backoff.
 */
public class RetriableBlobStoreException extends BlobStoreException {
    public RetriableBlobStoreException(String operation, String key, String code, String problem, Throwable cause) {
        super(operation, key, code, problem, cause);
    }

    @Override
    public final boolean retriable() {
        return true;
    }
}
