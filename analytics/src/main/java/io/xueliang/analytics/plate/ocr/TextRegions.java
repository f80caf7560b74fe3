package io.xueliang.analytics.plate.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * PaddleOCR's DB post-processing ({@code DBPostProcess}, box mode "quad", score mode "fast") on the
 * probability map: pixels above the threshold, their 8-connected regions, each region's smallest
 * rectangle, the mean probability inside it as score, then the rectangle grown back from the shrunk
 * text kernel the network was trained on (offset distance = area x unclip ratio / perimeter).
 */
final class TextRegions {
    /** PaddleOCR's {@code min_size}: rectangles with a shorter side are noise. */
    private static final double MIN_SIDE = 3;
    /** Regions beyond this many are ignored (a frame full of text is not a road scene). */
    private static final int MAX_REGIONS = 1000;

    /**
     * A text rectangle and its score; {@code top} and {@code bottom} are the two lines when the region is a
     * two-line plate joined by {@link LineMerger} (both null for one line).
     */
    record Region(RotatedRect rect, double score, RotatedRect top, RotatedRect bottom) {
        Region(RotatedRect rect, double score) {
            this(rect, score, null, null);
        }

        boolean twoLines() {
            return top != null;
        }
    }

    private TextRegions() {
    }

    static List<Region> find(float[] prob, int w, int h, double threshold, double boxThreshold, double unclipRatio) {
        int[] label = new int[w * h];
        int[] queue = new int[w * h];
        List<Region> regions = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < w * h && regions.size() < MAX_REGIONS; start++) {
            if (label[start] != 0 || prob[start] <= threshold) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = next;
            int minY = start / w;
            int maxY = minY;
            while (head < tail) {
                int p = queue[head++];
                int px = p % w;
                int py = p / w;
                maxY = Math.max(maxY, py);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (label[q] == 0 && prob[q] > threshold) {
                            label[q] = next;
                            queue[tail++] = q;
                        }
                    }
                }
            }
            if (tail < 4) {
                continue;
            }
            Region region = region(prob, w, queue, tail, minY, maxY, boxThreshold, unclipRatio);
            if (region != null) {
                regions.add(region);
            }
        }
        return regions;
    }

    private static Region region(float[] prob, int w, int[] pixels, int count, int minY, int maxY,
            double boxThreshold, double unclipRatio) {
        // the leftmost and rightmost pixel of each row are enough for the convex hull
        int rows = maxY - minY + 1;
        int[] left = new int[rows];
        int[] right = new int[rows];
        java.util.Arrays.fill(left, Integer.MAX_VALUE);
        java.util.Arrays.fill(right, Integer.MIN_VALUE);
        for (int i = 0; i < count; i++) {
            int r = pixels[i] / w - minY;
            int x = pixels[i] % w;
            left[r] = Math.min(left[r], x);
            right[r] = Math.max(right[r], x);
        }
        double[] xy = new double[rows * 4];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (left[r] <= right[r]) {
                xy[2 * n] = left[r];
                xy[2 * n + 1] = r + minY;
                n++;
                xy[2 * n] = right[r];
                xy[2 * n + 1] = r + minY;
                n++;
            }
        }
        RotatedRect rect = MinAreaRect.of(xy, n);
        if (rect.height() < MIN_SIDE) {
            return null;
        }
        double score = meanInside(prob, w, prob.length / w, rect);
        if (score < boxThreshold) {
            return null;
        }
        double area = rect.width() * rect.height();
        double perimeter = 2 * (rect.width() + rect.height());
        double distance = area * unclipRatio / perimeter;
        RotatedRect grown = rect.grown(distance, distance);
        if (grown.height() < MIN_SIDE + 2) {
            return null;
        }
        return new Region(grown, score);
    }

    private static double meanInside(float[] prob, int w, int h, RotatedRect rect) {
        var bounds = rect.bounds();
        int x0 = Math.max(0, (int) Math.floor(bounds.x()));
        int y0 = Math.max(0, (int) Math.floor(bounds.y()));
        int x1 = Math.min(w - 1, (int) Math.ceil(bounds.x() + bounds.width()));
        int y1 = Math.min(h - 1, (int) Math.ceil(bounds.y() + bounds.height()));
        double sum = 0;
        int n = 0;
        // half a pixel of slack: the rectangle runs through the centres of its outermost pixels
        RotatedRect loose = rect.grown(0.5, 0.5);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (loose.contains(x, y)) {
                    sum += prob[y * w + x];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
