package io.xueliang.analytics.motion;

/**
 * A rectangle of the picture as fractions of its width and height (0..1, origin top left), so it holds whatever size
 * the camera sends or the decoder scales to.
 */
public record RegionOfInterest(double x, double y, double width, double height) {
    /** The whole picture. */
    public static final RegionOfInterest WHOLE = new RegionOfInterest(0, 0, 1, 1);

    public RegionOfInterest {
        check("x", x, 0, 1);
        check("y", y, 0, 1);
        check("width", width, 0, 1);
        check("height", height, 0, 1);
        if (width == 0 || height == 0) {
            throw new IllegalArgumentException("region of interest is empty: " + width + " x " + height);
        }
        if (x + width > 1 + 1e-9 || y + height > 1 + 1e-9) {
            throw new IllegalArgumentException("region of interest reaches beyond the picture: x + width = "
                    + (x + width) + ", y + height = " + (y + height));
        }
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("region of interest " + name + " must be " + min + ".." + max
                    + ", was " + value);
        }
    }
}
