package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;

/**
 * Cuts a quadrilateral out of a frame into an upright rectangle (OpenCV's
 * {@code getPerspectiveTransform} + {@code warpPerspective} with bilinear sampling, borders replicated),
 * so a tilted or slanted plate comes out level for the recogniser.
 */
final class PerspectiveCrop {
    /** The widest crop made: a plate at 48 px high is under 400 px wide. */
    static final int MAX_WIDTH = 1024;

    private PerspectiveCrop() {
    }

    /**
     * @param corners top-left, top-right, bottom-right, bottom-left as x0, y0, ... x3, y3 in frame pixels
     */
    static BgrImage crop(BgrImage frame, double[] corners, int width, int height) {
        if (width < 1 || height < 1 || width > MAX_WIDTH || height > MAX_WIDTH) {
            throw new IllegalArgumentException("crop of " + width + "x" + height + " is outside 1.." + MAX_WIDTH);
        }
        double[] m = homography(width, height, corners);
        int fw = frame.width();
        int fh = frame.height();
        byte[] src = frame.pixelsReadOnly();
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            double v = y + 0.5;
            for (int x = 0; x < width; x++) {
                double u = x + 0.5;
                double d = m[6] * u + m[7] * v + 1;
                double sx = (m[0] * u + m[1] * v + m[2]) / d - 0.5;
                double sy = (m[3] * u + m[4] * v + m[5]) / d - 0.5;
                sx = Math.clamp(sx, 0, fw - 1);
                sy = Math.clamp(sy, 0, fh - 1);
                int x0 = (int) sx;
                int y0 = (int) sy;
                int x1 = Math.min(x0 + 1, fw - 1);
                int y1 = Math.min(y0 + 1, fh - 1);
                double fx = sx - x0;
                double fy = sy - y0;
                int a = (y0 * fw + x0) * 3;
                int b = (y0 * fw + x1) * 3;
                int c = (y1 * fw + x0) * 3;
                int e = (y1 * fw + x1) * 3;
                int o = (y * width + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double top = (src[a + ch] & 0xFF) * (1 - fx) + (src[b + ch] & 0xFF) * fx;
                    double bottom = (src[c + ch] & 0xFF) * (1 - fx) + (src[e + ch] & 0xFF) * fx;
                    out[o + ch] = (byte) Math.round(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return BgrImage.wrap(width, height, out);
    }

    /**
     * The 3x3 matrix (h22 = 1, row-major, 8 entries plus implied 1) taking (0,0), (w,0), (w,h), (0,h) to the
     * four corners.
     */
    static double[] homography(double w, double h, double[] corners) {
        double[][] a = new double[8][9];
        double[] dst = {0, 0, w, 0, w, h, 0, h};
        for (int i = 0; i < 4; i++) {
            double u = dst[2 * i];
            double v = dst[2 * i + 1];
            double x = corners[2 * i];
            double y = corners[2 * i + 1];
            a[2 * i] = new double[] {u, v, 1, 0, 0, 0, -u * x, -v * x, x};
            a[2 * i + 1] = new double[] {0, 0, 0, u, v, 1, -u * y, -v * y, y};
        }
        // Gaussian elimination with partial pivoting
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalArgumentException("corners are degenerate: no perspective maps a rectangle onto them");
            }
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k < 9; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] m = new double[8];
        for (int i = 0; i < 8; i++) {
            m[i] = a[i][8] / a[i][i];
        }
        return m;
    }
}
