package io.xueliang.storage.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes {@code [start, end)} of a file, by positional reads on a channel the stream owns (closing the stream closes
 * it); skipping only moves the position. When the file turns out shorter than {@code end}, a stream for a file whose
 * size is known ({@link #strict}) fails with an {@link EOFException} naming it, and one that may meet a file shrinking
 * under it ({@link #lenient}) just ends.
 */
public final class FileRangeStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private final Path strictFile;
    private long position;

    private FileRangeStream(FileChannel channel, long start, long end, Path strictFile) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.position = start;
        this.end = end;
        this.strictFile = strictFile;
    }

    /** A range that must be there: a shorter {@code file} is an {@link EOFException}. */
    public static FileRangeStream strict(FileChannel channel, Path file, long start, long end) {
        return new FileRangeStream(channel, start, end, Objects.requireNonNull(file, "file"));
    }

    /** A range that ends early, without an error, when the file is shorter. */
    public static FileRangeStream lenient(FileChannel channel, long start, long end) {
        return new FileRangeStream(channel, start, end, null);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            if (strictFile != null) {
                throw new EOFException(strictFile + " ends at " + position + ", wanted up to " + end);
            }
            return -1; // the file shrank under us: report the end rather than spin
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
