package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.Box;

/**
 * A rectangle at an angle: centre, the long side {@code width} along direction {@code angle} (radians,
 * in -pi/2..pi/2, y pointing down so a positive angle tilts clockwise) and the short side {@code height}.
 */
record RotatedRect(double cx, double cy, double width, double height, double angle) {

    /** The same rectangle with the longer side as width and the angle folded into -pi/2..pi/2. */
    static RotatedRect normalised(double cx, double cy, double w, double h, double angle) {
        if (h > w) {
            double t = w;
            w = h;
            h = t;
            angle += Math.PI / 2;
        }
        while (angle > Math.PI / 2) {
            angle -= Math.PI;
        }
        while (angle <= -Math.PI / 2) {
            angle += Math.PI;
        }
        return new RotatedRect(cx, cy, w, h, angle);
    }

    /** Corners clockwise from the top-left as x0, y0, x1, y1, ...: top-left, top-right, bottom-right, bottom-left. */
    double[] corners() {
        double ux = Math.cos(angle) * width / 2;
        double uy = Math.sin(angle) * width / 2;
        double vx = -Math.sin(angle) * height / 2;
        double vy = Math.cos(angle) * height / 2;
        return new double[] {
            cx - ux - vx, cy - uy - vy,
            cx + ux - vx, cy + uy - vy,
            cx + ux + vx, cy + uy + vy,
            cx - ux + vx, cy - uy + vy,
        };
    }

    /** Grown by {@code dw} on the left and right and {@code dh} on the top and bottom. */
    RotatedRect grown(double dw, double dh) {
        return new RotatedRect(cx, cy, width + 2 * dw, height + 2 * dh, angle);
    }

    /** Mapped from network-input pixels to frame pixels by stretching x by sx and y by sy. */
    RotatedRect scaled(double sx, double sy) {
        if (sx == sy) {
            return new RotatedRect(cx * sx, cy * sy, width * sx, height * sy, angle);
        }
        double[] c = corners();
        double[] points = new double[8];
        for (int i = 0; i < 8; i += 2) {
            points[i] = c[i] * sx;
            points[i + 1] = c[i + 1] * sy;
        }
        return MinAreaRect.of(points, 4);
    }

    double aspect() {
        return height <= 0 ? Double.POSITIVE_INFINITY : width / height;
    }

    boolean contains(double x, double y) {
        double dx = x - cx;
        double dy = y - cy;
        double along = dx * Math.cos(angle) + dy * Math.sin(angle);
        double across = -dx * Math.sin(angle) + dy * Math.cos(angle);
        return Math.abs(along) <= width / 2 && Math.abs(across) <= height / 2;
    }

    /** The axis-aligned bounds. */
    Box bounds() {
        double[] c = corners();
        double minX = c[0];
        double maxX = c[0];
        double minY = c[1];
        double maxY = c[1];
        for (int i = 2; i < 8; i += 2) {
            minX = Math.min(minX, c[i]);
            maxX = Math.max(maxX, c[i]);
            minY = Math.min(minY, c[i + 1]);
            maxY = Math.max(maxY, c[i + 1]);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }
}
