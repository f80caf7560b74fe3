package io.xueliang.analytics.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * An 8-bit colour picture, pixels interleaved blue, green, red, row after row with no padding (the
 * layout of {@link BufferedImage#TYPE_3BYTE_BGR} and of FFmpeg's {@code AV_PIX_FMT_BGR24}).
 *
 * <p>The pixel array is owned by the instance: {@link #wrap} hands it over, nobody changes it
 * afterwards, so images can cross threads freely.
 */
public final class BgrImage {
    /** Larger pictures than 8K are refused: they are not camera frames. */
    public static final int MAX_SIDE = 8192;

    private final int width;
    private final int height;
    private final byte[] pixels;

    private BgrImage(int width, int height, byte[] pixels) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " pixels is outside 1.."
                    + MAX_SIDE);
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException(pixels.length + " bytes for a " + width + "x" + height
                    + " BGR image; expected " + width * height * 3);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Takes {@code pixels} without copying: the caller gives up the array. */
    public static BgrImage wrap(int width, int height, byte[] pixels) {
        return new BgrImage(width, height, pixels);
    }

    /** Copies any {@link BufferedImage}, converting it to BGR when it is of another type. */
    public static BgrImage of(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == image.getWidth() * image.getHeight() * 3) {
            return new BgrImage(image.getWidth(), image.getHeight(), buffer.getData().clone());
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new BgrImage(bgr.getWidth(), bgr.getHeight(), ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Blue, green or red (channel 0, 1, 2) of the pixel at x, y, 0..255. */
    public int channel(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /** Rec. 601 luma of the pixel at x, y, 0..255. */
    public int luma(int x, int y) {
        int i = (y * width + x) * 3;
        return ((pixels[i] & 0xFF) * 29 + (pixels[i + 1] & 0xFF) * 150 + (pixels[i + 2] & 0xFF) * 77) >> 8;
    }

    /** A copy of the pixels, BGR interleaved. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** Reads the pixels without a copy; the caller must not change the array. */
    public byte[] pixelsReadOnly() {
        return pixels;
    }

    /** The axis-aligned part at x, y of w by h pixels, clipped to the picture; at least one pixel. */
    public BgrImage crop(int x, int y, int w, int h) {
        int x0 = Math.clamp(x, 0, width - 1);
        int y0 = Math.clamp(y, 0, height - 1);
        int x1 = Math.clamp((long) x + w, x0 + 1, width);
        int y1 = Math.clamp((long) y + h, y0 + 1, height);
        int cw = x1 - x0;
        byte[] out = new byte[cw * (y1 - y0) * 3];
        for (int row = y0; row < y1; row++) {
            System.arraycopy(pixels, (row * width + x0) * 3, out, (row - y0) * cw * 3, cw * 3);
        }
        return new BgrImage(cw, y1 - y0, out);
    }

    /** A new {@link BufferedImage#TYPE_3BYTE_BGR} holding a copy of the pixels (for JPEG writing and drawing). */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        return image;
    }

    @Override
    public String toString() {
        return "BgrImage[" + width + "x" + height + "]";
    }
}
