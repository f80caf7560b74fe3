package io.xueliang.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** A local file of pseudo-random bytes with its size and SHA-256, as the recorder would have noted them. */
record TestFile(Path path, long size, String sha256) {
    static TestFile write(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        return new TestFile(path, size, sha256(bytes));
    }

    byte[] bytes() throws IOException {
        return Files.readAllBytes(path);
    }

    static String sha256(byte[] bytes) {
        MessageDigest digest = SourceFile.sha256();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
