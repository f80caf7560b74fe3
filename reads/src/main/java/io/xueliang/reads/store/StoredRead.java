package io.xueliang.reads.store;

import io.xueliang.media.PlateRead;

/**
 * A read as the store keeps it.
 *
 * @param seq    the store's insertion number: with the read's time, what cursors page by
 * @param read   the read
 * @param source where it came from: {@code camera} (read by xueliang), later devices that read plates themselves
 */
public record StoredRead(long seq, PlateRead read, String source) {
    /** Read by xueliang's own plate reading. */
    public static final String CAMERA = "camera";
}
