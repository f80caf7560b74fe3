package io.xueliang.storage.blob;

/**
 * The store refuses us as configured: access denied, unknown or wrong credentials, no such bucket, a certificate that
 * does not verify. Nothing about the file is wrong and every other file would fail the same way; retrying does not help
 * until an operator fixes the configuration or the bucket.
 */
public class BlobAccessException extends BlobStoreException {
    public BlobAccessException(String operation, String key, String code, String problem, Throwable cause) {
        super(operation, key, code, problem, cause);
    }
}
