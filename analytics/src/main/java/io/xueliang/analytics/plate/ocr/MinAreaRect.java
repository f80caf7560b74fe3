package io.xueliang.analytics.plate.ocr;

import java.util.Arrays;

/**
 * The smallest-area rectangle around a set of points (OpenCV's {@code minAreaRect}, which PaddleOCR's
 * DB post-processing uses): convex hull by Andrew's monotone chain, then one side of the best
 * rectangle lies on a hull edge, so each edge is tried.
 */
final class MinAreaRect {
    private MinAreaRect() {
    }

    /** @param xy x0, y0, x1, y1, ... of {@code n} points, n at least 1 */
    static RotatedRect of(double[] xy, int n) {
        double[] hull = hull(xy, n);
        int h = hull.length / 2;
        if (h == 1) {
            return new RotatedRect(hull[0], hull[1], 0, 0, 0);
        }
        double bestArea = Double.POSITIVE_INFINITY;
        RotatedRect best = null;
        for (int i = 0; i < h; i++) {
            int j = (i + 1) % h;
            double ex = hull[2 * j] - hull[2 * i];
            double ey = hull[2 * j + 1] - hull[2 * i + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            ex /= len;
            ey /= len;
            double minU = Double.POSITIVE_INFINITY;
            double maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY;
            double maxV = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < h; k++) {
                double u = hull[2 * k] * ex + hull[2 * k + 1] * ey;
                double v = -hull[2 * k] * ey + hull[2 * k + 1] * ex;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea) {
                bestArea = area;
                double cu = (minU + maxU) / 2;
                double cv = (minV + maxV) / 2;
                best = RotatedRect.normalised(cu * ex - cv * ey, cu * ey + cv * ex, maxU - minU, maxV - minV,
                        Math.atan2(ey, ex));
            }
        }
        return best;
    }

    /** The convex hull, counter-clockwise in a y-up sense, as x0, y0, x1, y1, ... without repeats. */
    static double[] hull(double[] xy, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> xy[2 * a] != xy[2 * b] ? Double.compare(xy[2 * a], xy[2 * b])
                : Double.compare(xy[2 * a + 1], xy[2 * b + 1]));
        int[] stack = new int[2 * n + 1];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int floor = k;
            for (int idx = 0; idx < n; idx++) {
                int p = order[pass == 0 ? idx : n - 1 - idx];
                while (k >= floor + 2 && cross(xy, stack[k - 2], stack[k - 1], p) <= 0) {
                    k--;
                }
                stack[k++] = p;
            }
            k--; // the last point of each chain starts the other
        }
        if (k < 1) {
            k = 1;
        }
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = xy[2 * stack[i]];
            out[2 * i + 1] = xy[2 * stack[i] + 1];
        }
        return out;
    }

    private static double cross(double[] xy, int o, int a, int b) {
        return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1])
                - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
    }
}
