package io.xueliang.storage.fmp4;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The off-heap memory that every camera's open fragment is built in ({@link FragmentBuffer}), shared as chunks of
 * {@link #CHUNK} bytes: a fragment takes the chunks it needs and gives them back once written. Cameras fill their
 * fragments at different moments, so together they hold about half of what they would each keeping room for their
 * largest fragment (a keyframe's); and since chunks are only ever added, never replaced by bigger ones, no memory is
 * left for the garbage collector to free (a direct buffer that is replaced lives until a full collection, which with
 * a thousand cameras is hundreds of megabytes held for nothing).
 *
 * <p>Chunks are cut from slabs of {@link #SLAB} bytes aligned to {@link FragmentBuffer#BLOCK}, as direct I/O needs.
 * The pool keeps what it has allocated: its size is the most that was ever in use at once. Thread-safe.
 */
public final class FragmentMemory {
    /** Bytes in one chunk: a quarter of a second of a 2 Mbit/s camera. */
    public static final int CHUNK = 64 * 1024;
    private static final int SLAB = 16 * CHUNK;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong inUse = new AtomicLong();

    /** Bytes allocated (the most that was in use at once, in whole slabs). */
    public long allocatedBytes() {
        return allocated.get();
    }

    /** Bytes in chunks that fragments hold now. */
    public long inUseBytes() {
        return inUse.get();
    }

    /** A chunk of {@link #CHUNK} bytes whose address is block-aligned; its contents are undefined. */
    ByteBuffer take() {
        inUse.addAndGet(CHUNK);
        synchronized (free) {
            if (free.isEmpty()) {
                ByteBuffer slab = ByteBuffer.allocateDirect(SLAB + FragmentBuffer.BLOCK)
                        .alignedSlice(FragmentBuffer.BLOCK);
                for (int at = 0; at + CHUNK <= SLAB; at += CHUNK) {
                    free.push(slab.slice(at, CHUNK));
                }
                allocated.addAndGet(SLAB);
            }
            return free.pop();
        }
    }

    void give(ByteBuffer chunk) {
        inUse.addAndGet(-CHUNK);
        synchronized (free) {
            free.push(chunk);
        }
    }
}
