package io.xueliang.storage.fmp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One camera's open fragment, off the Java heap, in chunks of {@link FragmentMemory}. A video sample is copied here
 * when it joins the fragment, so the access unit that carried it becomes garbage at once instead of living for up to
 * a second and being promoted (at 1,000 cameras the open fragments were 250 MB of heap that survived young
 * collections). The fragment is then written from here in one gathering call: the JDK needs no temporary direct copy
 * of heap buffers, and with direct I/O the kernel no copy into the page cache. Its chunks go back to the memory once
 * it is written.
 *
 * <p>The samples start at {@code start}, chosen before the fragment's head (its {@code prft}, {@code moof} and
 * {@code mdat} header, whose length depends on the sample count) is known, a little after an estimate of it. When
 * the fragment is written the head goes right before the samples, and for direct I/O a few bytes of filler inside
 * the {@code mdat} (no sample points at them) put the start of the write on a block boundary; a {@code free} box
 * after the samples brings its end to one:
 * <pre>
 *   0        write start (block-aligned)         start                                  end (block-aligned)
 *   |........|prft moof mdat-header|filler|......|video samples ........|audio samples| free |
 *            |&lt;----------- head ----------&gt;|                          ... the mdat ... |
 * </pre>
 * Offsets here are logical: byte {@code x} is in chunk {@code x / CHUNK}, whose addresses are block-aligned, so every
 * piece of a write is too. Not thread-safe: the writer of one camera owns it.
 */
public final class FragmentBuffer {
    /** Direct I/O's unit: offsets, lengths and memory addresses of every write are multiples of it. */
    public static final int BLOCK = 4096;
    /** Room kept before the samples for the head, beyond the estimate: a block absorbs an estimate 340 samples short. */
    private static final int RESERVE = BLOCK;
    /** Filler and padding are shorter than this. */
    private static final byte[] ZEROS = new byte[2 * BLOCK];
    private static final int CHUNK = FragmentMemory.CHUNK;

    private final FragmentMemory memory;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private int start;
    private int end;

    /** A buffer taking its chunks from {@code memory}, shared with the other cameras. */
    public FragmentBuffer(FragmentMemory memory) {
        this.memory = memory;
    }

    /** A buffer with memory of its own (a lone writer: tools, tests). */
    public FragmentBuffer() {
        this(new FragmentMemory());
    }

    /** Empties the buffer for a fragment whose head is expected to take at most {@code headEstimate} bytes. */
    void begin(int headEstimate) {
        release();
        start = RESERVE + Math.max(0, headEstimate);
        end = start;
    }

    /** Gives every chunk back to the memory: the buffer holds nothing until it is used again. */
    public void release() {
        for (ByteBuffer c : chunks) {
            memory.give(c);
        }
        chunks.clear();
        start = 0;
        end = 0;
    }

    /** Copies one sample's bytes after the ones already here. */
    void putSample(ByteBuffer bytes) {
        int n = bytes.remaining();
        put(end, bytes.duplicate());
        end += n;
    }

    /** Sample bytes in the buffer. */
    int sampleBytes() {
        return end - start;
    }

    /**
     * The filler that puts the start of a head of {@code headBytes} on a block boundary ({@code aligned}), or 0.
     * Moves the samples further in when the estimate was so short that the head would not fit before them.
     */
    int fillerFor(int headBytes, boolean aligned) {
        if (start < headBytes) {
            shift(headBytes - start + RESERVE);
        }
        return aligned ? Math.floorMod(start - headBytes, BLOCK) : 0;
    }

    /**
     * Lays {@code head} and {@code filler} zero bytes before the samples and, when {@code aligned}, a {@code free} box
     * after them up to a block boundary, and returns the bytes to write, from the head to the end, chunk by chunk.
     */
    ByteBuffer[] fragment(byte[] head, int filler, boolean aligned) {
        int from = start - filler - head.length;
        put(from, ByteBuffer.wrap(head));
        put(start - filler, ByteBuffer.wrap(ZEROS, 0, filler));
        if (aligned) {
            pad();
        }
        return slices(from, end);
    }

    /** {@code bytes} (an init segment) from the start of the buffer, padded to a block boundary when {@code aligned}. */
    ByteBuffer[] whole(byte[] bytes, boolean aligned) {
        release();
        put(0, ByteBuffer.wrap(bytes));
        end = bytes.length;
        if (aligned) {
            pad();
        }
        return slices(0, end);
    }

    /** Ends the buffer with a {@code free} box reaching the next block boundary (none when it is on one). */
    private void pad() {
        int pad = Math.floorMod(-end, BLOCK);
        if (pad == 0) {
            return;
        }
        if (pad < 8) {
            pad += BLOCK; // a box needs 8 bytes of header
        }
        ByteBuffer box = ByteBuffer.allocate(8).putInt(pad).put((byte) 'f').put((byte) 'r').put((byte) 'e')
                .put((byte) 'e').flip();
        put(end, box);
        put(end + 8, ByteBuffer.wrap(ZEROS, 0, pad - 8));
        end += pad;
    }

    /** Copies {@code bytes} to logical offset {@code at}, taking chunks as needed. */
    private void put(int at, ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int chunk = at / CHUNK;
            while (chunks.size() <= chunk) {
                chunks.add(memory.take());
            }
            int offset = at % CHUNK;
            int n = Math.min(CHUNK - offset, bytes.remaining());
            chunks.get(chunk).put(offset, bytes, bytes.position(), n);
            bytes.position(bytes.position() + n);
            at += n;
        }
    }

    /** The logical range {@code [from, to)} as one slice per chunk it spans. */
    private ByteBuffer[] slices(int from, int to) {
        ByteBuffer[] out = new ByteBuffer[(to - 1) / CHUNK - from / CHUNK + 1];
        for (int i = 0, at = from; at < to; i++) {
            int offset = at % CHUNK;
            int n = Math.min(CHUNK - offset, to - at);
            out[i] = chunks.get(at / CHUNK).slice(offset, n);
            at += n;
        }
        return out;
    }

    /** Moves the samples {@code by} bytes further in (rare: only when the head outgrew its estimate by a block). */
    private void shift(int by) {
        byte[] samples = new byte[end - start];
        for (int i = 0, at = start; at < end; ) {
            int offset = at % CHUNK;
            int n = Math.min(CHUNK - offset, end - at);
            chunks.get(at / CHUNK).get(offset, samples, i, n);
            i += n;
            at += n;
        }
        start += by;
        end += by;
        put(start, ByteBuffer.wrap(samples));
    }
}
