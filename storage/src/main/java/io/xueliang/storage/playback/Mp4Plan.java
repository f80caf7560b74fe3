package io.xueliang.storage.playback;

import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An MP4 file laid out but not made: its length is known before a byte is written, and any byte range of it can be
 * written on demand, which is what an HTTP server needs to answer {@code Range:} requests with 206. The same range
 * always gives the same bytes, so a client can fetch a file in pieces. Memory while writing is one copy buffer per
 * call, whatever the range. Writing blocks on the segments' I/O: never on an event loop.
 */
public sealed interface Mp4Plan permits PlaybackPlan, ExportPlan {
    /** The file's length in bytes. */
    long length();

    /**
     * Writes the bytes [{@code from}, {@code to}) of the file to {@code out}, which is not closed.
     *
     * @throws IndexOutOfBoundsException when the range is not within [0, {@link #length()}]
     * @throws java.io.EOFException when a segment has become shorter than it was when the plan was made
     */
    void write(long from, long to, OutputStream out) throws IOException;

    /** What the file holds. */
    RangeSelection selection();

    /** The whole file to {@code out}, hashed as it goes. */
    default WrittenMp4 writeAll(OutputStream out) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        DigestOutputStream hashing = new DigestOutputStream(out, sha256);
        write(0, length(), hashing);
        hashing.flush();
        return new WrittenMp4(length(), HexFormat.of().formatHex(sha256.digest()));
    }

    /** The whole file into {@code file}, which must not exist yet. */
    default WrittenMp4 writeTo(Path file) throws IOException {
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(OwnerOnlyFiles.open(file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)))) {
            return writeAll(out);
        }
    }
}
