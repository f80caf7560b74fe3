package io.xueliang.analytics.decode;

import io.xueliang.analytics.image.BgrImage;

/**
 * How a {@link VideoDecoder} works.
 *
 * @param maxWidth pictures wider than this are scaled down to it, keeping the aspect ratio; 0 keeps the coded size.
 *     Plate detection needs no more than 1280 pixels, and each halving quarters the conversion cost
 * @param threads libavcodec threads per decoder; 1 suits many cameras (one core decodes several), more shortens the
 *     latency of one large stream at the price of pictures coming out {@code threads - 1} units later
 * @param maxUnitBytes the largest access unit handed to native code; larger ones are counted as errors and dropped
 *     (prevents a hostile or broken camera from making the decoder copy and parse hundreds of megabytes)
 */
public record DecoderSettings(int maxWidth, int threads, int maxUnitBytes) {
    /** 4 MiB: an intra picture of 4K at a generous camera bit rate stays well below. */
    public static final int DEFAULT_MAX_UNIT_BYTES = 4 << 20;
    /** 64 MiB: beyond any camera's picture. */
    public static final int MAX_UNIT_BYTES_LIMIT = 64 << 20;
    public static final int MAX_THREADS = 16;

    public DecoderSettings {
        if (maxWidth != 0 && (maxWidth < 16 || maxWidth > BgrImage.MAX_SIDE)) {
            throw new IllegalArgumentException("maxWidth must be 0 (keep) or 16.." + BgrImage.MAX_SIDE + ", was "
                    + maxWidth);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", was " + threads);
        }
        if (maxUnitBytes < 1 || maxUnitBytes > MAX_UNIT_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxUnitBytes must be 1.." + MAX_UNIT_BYTES_LIMIT + ", was "
                    + maxUnitBytes);
        }
    }

    /** Coded size, one thread, units up to 4 MiB. */
    public static DecoderSettings defaults() {
        return new DecoderSettings(0, 1, DEFAULT_MAX_UNIT_BYTES);
    }

    public DecoderSettings withMaxWidth(int width) {
        return new DecoderSettings(width, threads, maxUnitBytes);
    }

    /** The size a picture of {@code width} x {@code height} is converted to: even sides, at most maxWidth wide. */
    int[] outputSize(int width, int height) {
        if (maxWidth == 0 || width <= maxWidth) {
            return new int[] {width, height};
        }
        int h = (int) Math.max(2, Math.round((double) height * maxWidth / width / 2) * 2);
        return new int[] {maxWidth, h};
    }
}
