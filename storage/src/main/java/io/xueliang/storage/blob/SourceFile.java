package io.xueliang.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The local file a {@code put} stores, checked against the size and SHA-256 the caller recorded for it, so that a file
 * truncated or damaged after it was finished is refused rather than stored as if it were the recording.
 */
final class SourceFile {
    private SourceFile() {
    }

    /** A SHA-256 digest (every JDK has one). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads {@code file} whole and compares it with {@code size} and, when not null, {@code sha256}.
     *
     * @throws BlobNotFoundException when the file does not exist
     * @throws BlobIntegrityException when it does not match
     * @throws BlobStoreException when it cannot be read
     */
    static void verify(String key, Path file, long size, String sha256) {
        MessageDigest digest = sha256();
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
            }
        } catch (NoSuchFileException e) {
            throw missing(key, file);
        } catch (IOException e) {
            throw unreadable(key, file, e);
        }
        check(key, file, size, sha256, read, hex(digest));
    }

    static void check(String key, Path file, long size, String sha256, long actualSize, String actualSha256) {
        if (actualSize != size) {
            throw new BlobIntegrityException("put", key, "local file " + file + " has the wrong size",
                    "size " + size, "size " + actualSize);
        }
        if (sha256 != null && !sha256.equals(actualSha256)) {
            throw new BlobIntegrityException("put", key, "local file " + file + " has the wrong SHA-256",
                    "sha256 " + sha256, "sha256 " + actualSha256);
        }
    }

    static BlobNotFoundException missing(String key, Path file) {
        return new BlobNotFoundException("put", key, "local file " + file + " does not exist");
    }

    static BlobStoreException unreadable(String key, Path file, IOException e) {
        return new BlobStoreException("put", key, null, "cannot read local file " + file + ": " + e, e);
    }
}
