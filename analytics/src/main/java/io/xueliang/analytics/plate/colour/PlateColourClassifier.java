package io.xueliang.analytics.plate.colour;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.PlateColour;

/**
 * Tells a plate's background colour from the pixels of its crop. Every pixel of the inner part of the crop (the
 * outer {@link #MARGIN} on each side often shows the bumper or the frame) is put in one of five HSV bins; the
 * characters cover well under half of a plate, so the background is the bin that holds most.
 *
 * <pre>
 *   saturation >= 0.25 and value >= 0.12:
 *     blue    hue 170..260 deg (cheap cameras and night light turn plate blue towards cyan)
 *     yellow  hue 30..70 deg, saturation >= 0.35
 *     green   hue 75..170 deg (a new-energy plate fades from white to green: the green half alone is enough)
 *   otherwise:
 *     black   value < 0.22
 *     white   saturation < 0.22, value >= 0.55
 * </pre>
 *
 * A chromatic colour wins when it holds at least {@link #CHROMATIC_SHARE} of the pixels; white or black need
 * {@link #ACHROMATIC_SHARE}, since grey light makes every plate look a little white or black. Otherwise the colour
 * is {@link PlateColour#UNKNOWN}, which lets the grammar consider every plate type. Stateless and thread-safe.
 */
public final class PlateColourClassifier {
    static final double MARGIN = 0.12;
    static final double CHROMATIC_SHARE = 0.25;
    static final double ACHROMATIC_SHARE = 0.45;

    /** The background colour of {@code crop}, an upright plate. */
    public PlateColour classify(BgrImage crop) {
        int x0 = (int) (crop.width() * MARGIN);
        int x1 = Math.max(x0 + 1, crop.width() - x0);
        int y0 = (int) (crop.height() * MARGIN);
        int y1 = Math.max(y0 + 1, crop.height() - y0);
        int blue = 0;
        int yellow = 0;
        int green = 0;
        int white = 0;
        int black = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int b = crop.channel(x, y, 0);
                int g = crop.channel(x, y, 1);
                int r = crop.channel(x, y, 2);
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                double value = max / 255.0;
                double saturation = max == 0 ? 0 : (max - min) / (double) max;
                if (saturation >= 0.25 && value >= 0.12) {
                    double hue = hue(r, g, b, max, min);
                    if (hue >= 170 && hue <= 260) {
                        blue++;
                    } else if (hue >= 30 && hue <= 70 && saturation >= 0.35) {
                        yellow++;
                    } else if (hue >= 75 && hue < 170) {
                        green++;
                    }
                } else if (value < 0.22) {
                    black++;
                } else if (saturation < 0.22 && value >= 0.55) {
                    white++;
                }
            }
        }
        double pixels = (double) (x1 - x0) * (y1 - y0);
        int chromatic = Math.max(blue, Math.max(yellow, green));
        if (chromatic >= CHROMATIC_SHARE * pixels) {
            return chromatic == blue ? PlateColour.BLUE : chromatic == yellow ? PlateColour.YELLOW : PlateColour.GREEN;
        }
        if (white >= ACHROMATIC_SHARE * pixels && white >= black) {
            return PlateColour.WHITE;
        }
        if (black >= ACHROMATIC_SHARE * pixels) {
            return PlateColour.BLACK;
        }
        return PlateColour.UNKNOWN;
    }

    /** Hue in degrees, 0..360. */
    private static double hue(int r, int g, int b, int max, int min) {
        double d = max - min;
        double h;
        if (max == r) {
            h = 60 * (((g - b) / d) % 6);
        } else if (max == g) {
            h = 60 * ((b - r) / d + 2);
        } else {
            h = 60 * ((r - g) / d + 4);
        }
        return h < 0 ? h + 360 : h;
    }
}
