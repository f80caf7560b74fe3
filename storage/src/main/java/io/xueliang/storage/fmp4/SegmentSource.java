package io.xueliang.storage.fmp4;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The bytes of one recorded segment file, wherever it is kept: a local file ({@link FileSegmentSource}) or an object
 * in a blob store read by byte ranges. Reading is positional and stateless, so one source serves any number of
 * readers at once, and an implementation over HTTP maps each call to one ranged GET.
 *
 * <p>Two kinds of reads happen: {@link Fmp4SegmentReader#scan} reads the head of each fragment (a few KiB, one
 * {@link #read} per fragment), and playback and export {@link #open} one stream per segment and copy sample data from
 * it, skipping forward over the fragment heads between the runs they need.
 */
public interface SegmentSource {
    /** Names the segment in messages: its path or object key. */
    String name();

    /** Its size in bytes. A segment still being written grows; a scan reads up to the size it saw when it started. */
    long size() throws IOException;

    /**
     * A stream of the bytes [{@code offset}, {@code offset + length}); the caller closes it, possibly before its end.
     * {@link InputStream#skip} should be cheap where it can be.
     *
     * @throws EOFException, from the stream, when the segment ends before {@code offset + length}
     */
    InputStream open(long offset, long length) throws IOException;

    /** Fills {@code dst} from {@code offset}: exactly {@code dst.remaining()} bytes, or {@link EOFException}. */
    default void read(long offset, ByteBuffer dst) throws IOException {
        int wanted = dst.remaining();
        try (InputStream in = open(offset, wanted)) {
            if (dst.hasArray()) {
                int n = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), wanted);
                dst.position(dst.position() + n);
            } else {
                dst.put(in.readNBytes(wanted));
            }
        }
        if (dst.hasRemaining()) {
            throw new EOFException(name() + " ends before " + (offset + wanted) + ", read from " + offset);
        }
    }

    /** A local file. */
    static SegmentSource of(Path file) {
        return new FileSegmentSource(file);
    }
}
