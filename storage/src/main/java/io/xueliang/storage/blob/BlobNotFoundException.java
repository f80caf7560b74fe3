package io.xueliang.storage.blob;

/** No blob under the key (or, for {@code put}, no local file to store). */
public class BlobNotFoundException extends BlobStoreException {
    public BlobNotFoundException(String operation, String key, String problem) {
        super(operation, key, problem);
    }
}
