package io.xueliang.storage.fmp4;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A segment held in memory, standing in for an object in a blob store: it counts the ranged reads a caller makes, as
 * an S3 client would count GET requests. Implements only what a remote source would: {@link #open}, with
 * {@link #read} left to the interface's default.
 */
public final class MemorySegmentSource implements SegmentSource {
    private final String name;
    private final byte[] bytes;
    private final AtomicInteger requests = new AtomicInteger();

    public MemorySegmentSource(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
        requests.incrementAndGet();
        if (offset > bytes.length) {
            throw new EOFException(name + " has " + bytes.length + " bytes, asked from " + offset);
        }
        int end = (int) Math.min(bytes.length, offset + length);
        return new ByteArrayInputStream(bytes, (int) offset, end - (int) offset);
    }

    /** Ranged reads so far: one per {@link #open}, including those {@link #read} makes. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        SegmentSource.super.read(offset, dst);
    }
}
