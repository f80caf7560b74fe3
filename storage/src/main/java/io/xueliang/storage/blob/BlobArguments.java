package io.xueliang.storage.blob;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The argument checks every {@link BlobStore} makes the same way. */
final class BlobArguments {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private BlobArguments() {
    }

    static int checkMaxKeys(int maxKeys) {
        if (maxKeys < 1 || maxKeys > BlobStore.MAX_LIST_KEYS) {
            throw new IllegalArgumentException("maxKeys must be between 1 and " + BlobStore.MAX_LIST_KEYS + ", got "
                    + maxKeys);
        }
        return maxKeys;
    }

    static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, got " + offset + " and "
                    + length);
        }
    }

    static void checkPut(String key, Path source, long size, String sha256) {
        BlobKey.requireValid(key);
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }

    /** {@code startAfter} checked as a prefix (it need not name a stored key), or null. */
    static String checkStartAfter(String startAfter) {
        return startAfter == null ? null : BlobKey.requireValidPrefix(startAfter);
    }
}
