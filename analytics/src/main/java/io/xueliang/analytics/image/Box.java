package io.xueliang.analytics.image;

/**
 * An axis-aligned rectangle in a picture's pixel coordinates: top-left corner, width and height.
 */
public record Box(double x, double y, double width, double height) {
    public Box {
        if (!(width >= 0 && height >= 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width)
                || !Double.isFinite(height)) {
            throw new IllegalArgumentException("box " + x + "," + y + " " + width + "x" + height + " is not a rectangle");
        }
    }

    public double area() {
        return width * height;
    }

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    /** Intersection over union with {@code other}: 0 when apart, 1 when the same. */
    public double iou(Box other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double inter = ix * iy;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** As {@code [x, y, w, h]} rounded to whole pixels, the form of the command line and the API. */
    public int[] toPixels() {
        return new int[] {(int) Math.round(x), (int) Math.round(y), (int) Math.round(width), (int) Math.round(height)};
    }
}
