package io.xueliang.ingest.gb28181;

import java.util.BitSet;

/**
 * The ports GB/T 28181 media is received on ({@code gb28181.mediaPortFirst..mediaPortLast}), one a stream. Like
 * {@link SsrcAllocator}, a released port goes to the back of the line, so that a device still sending to it after its
 * BYE reaches a closed port, not the next stream. Not thread-safe.
 */
public final class MediaPorts {
    private final int first;
    private final BitSet used;
    private final int size;
    private int next;

    public MediaPorts(int first, int last) {
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("no port range " + first + "-" + last);
        }
        this.first = first;
        this.size = last - first + 1;
        this.used = new BitSet(size);
    }

    /**
     * A free port of the range.
     *
     * @throws IllegalStateException when every port is in use
     */
    public int allocate() {
        int i = used.nextClearBit(next);
        if (i >= size) {
            i = used.nextClearBit(0);
            if (i >= size) {
                throw new IllegalStateException("all " + size + " media ports " + first + "-" + (first + size - 1)
                        + " are in use");
            }
        }
        used.set(i);
        next = (i + 1) % size;
        return first + i;
    }

    /** Gives a port back; one outside the range is ignored. */
    public void release(int port) {
        int i = port - first;
        if (i >= 0 && i < size) {
            used.clear(i);
        }
    }

    public int inUse() {
        return used.cardinality();
    }
}
