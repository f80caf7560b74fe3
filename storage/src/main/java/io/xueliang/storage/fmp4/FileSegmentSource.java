package io.xueliang.storage.fmp4;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A segment in a local file. Holds no file open between calls: every {@link #read} opens and closes the file, and
 * every stream from {@link #open} owns its channel until closed, so a plan that refers to a thousand segments holds
 * no descriptor while it waits to be written.
 */
public final class FileSegmentSource implements SegmentSource {
    private final Path file;

    public FileSegmentSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(ch, offset, dst);
        }
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range " + offset + "+" + length);
        }
        return new RangeStream(FileChannel.open(file, StandardOpenOption.READ), offset, offset + length);
    }

    private void readFully(FileChannel ch, long offset, ByteBuffer dst) throws IOException {
        long at = offset;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, at);
            if (n < 0) {
                throw new EOFException(file + " ends at " + at + ", wanted " + (at + dst.remaining()));
            }
            at += n;
        }
    }

    @Override
    public String toString() {
        return "FileSegmentSource[" + file + "]";
    }

    /** Positional reads of one byte range; skipping only moves the position. */
    private final class RangeStream extends InputStream {
        private final FileChannel ch;
        private final long end;
        private long pos;

        RangeStream(FileChannel ch, long pos, long end) {
            this.ch = ch;
            this.pos = pos;
            this.end = end;
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
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                throw new EOFException(file + " ends at " + pos + ", wanted up to " + end);
            }
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - pos));
            pos += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - pos);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
