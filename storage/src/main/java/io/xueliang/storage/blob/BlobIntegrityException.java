package io.xueliang.storage.blob;

/**
 * Bytes that are not what they should be: a local file whose size or SHA-256 differs from the one recorded for it, a
 * stored copy that does not match what was sent, or a different blob already stored under the key. Retrying the same
 * operation gives the same answer.
 */
public class BlobIntegrityException extends BlobStoreException {
    private final String expected;
    private final String actual;

    /**
     * @param expected what was recorded or sent, e.g. {@code size 1024} or {@code sha256 9f86...}
     * @param actual what was found
     */
    public BlobIntegrityException(String operation, String key, String problem, String expected, String actual) {
        super(operation, key, null, problem + ": expected " + expected + ", found " + actual, null);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
