package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;

/**
 * The detection network's input as PaddleOCR's {@code DetResizeForTest} and {@code NormalizeImage} make
 * it for PP-OCRv4: the frame scaled so its longer side is at most the limit, each side rounded to a
 * multiple of 32, bilinear, then {@code (v / 255 - mean) / std} with ImageNet's mean and std applied to
 * the channels in the frame's B, G, R order (PaddleOCR reads BGR and normalises that array as is), laid
 * out channel-planar (NCHW).
 */
final class DbInput {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    final int width;
    final int height;
    /** Frame pixels per input pixel, horizontally and vertically. */
    final double scaleX;
    final double scaleY;
    final float[] chw;

    private DbInput(int width, int height, double scaleX, double scaleY, float[] chw) {
        this.width = width;
        this.height = height;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.chw = chw;
    }

    static DbInput of(BgrImage frame, int limitSide) {
        return of(frame, limitSide, 1.0);
    }

    /** As {@link #of(BgrImage, int)}, scaled down further when {@code maxScale} asks for less. */
    static DbInput of(BgrImage frame, int limitSide, double maxScale) {
        int fw = frame.width();
        int fh = frame.height();
        double ratio = Math.min(maxScale, Math.max(fw, fh) > limitSide ? (double) limitSide / Math.max(fw, fh) : 1.0);
        int w = Math.max(32, (int) Math.round(fw * ratio / 32) * 32);
        int h = Math.max(32, (int) Math.round(fh * ratio / 32) * 32);
        float[] out = new float[3 * w * h];
        byte[] px = frame.pixelsReadOnly();
        double sx = (double) fw / w;
        double sy = (double) fh / h;
        int plane = w * h;
        float[] scale = new float[3];
        float[] offset = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * STD[c]);
            offset[c] = MEAN[c] / STD[c];
        }
        int[] x0s = new int[w];
        int[] x1s = new int[w];
        float[] fxs = new float[w];
        for (int x = 0; x < w; x++) {
            // pixel-centre alignment, as cv2.resize with INTER_LINEAR
            double srcX = Math.max(0, (x + 0.5) * sx - 0.5);
            int x0 = Math.min((int) srcX, fw - 1);
            x0s[x] = x0 * 3;
            x1s[x] = Math.min(x0 + 1, fw - 1) * 3;
            fxs[x] = (float) (srcX - x0);
        }
        for (int y = 0; y < h; y++) {
            double srcY = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) srcY, fh - 1);
            int y1 = Math.min(y0 + 1, fh - 1);
            float fy = (float) (srcY - y0);
            int row0 = y0 * fw * 3;
            int row1 = y1 * fw * 3;
            for (int x = 0; x < w; x++) {
                float fx = fxs[x];
                int a = row0 + x0s[x];
                int b = row0 + x1s[x];
                int cc = row1 + x0s[x];
                int d = row1 + x1s[x];
                int o = y * w + x;
                for (int c = 0; c < 3; c++) {
                    float top = (px[a + c] & 0xFF) + ((px[b + c] & 0xFF) - (px[a + c] & 0xFF)) * fx;
                    float bottom = (px[cc + c] & 0xFF) + ((px[d + c] & 0xFF) - (px[cc + c] & 0xFF)) * fx;
                    out[c * plane + o] = (top + (bottom - top) * fy) * scale[c] - offset[c];
                }
            }
        }
        return new DbInput(w, h, sx, sy, out);
    }
}
