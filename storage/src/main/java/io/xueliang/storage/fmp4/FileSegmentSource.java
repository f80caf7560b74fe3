package io.xueliang.storage.fmp4;

import io.xueliang.storage.blob.FileRangeStream;
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
        return FileRangeStream.strict(FileChannel.open(file, StandardOpenOption.READ), file, offset, offset + length);
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
}
