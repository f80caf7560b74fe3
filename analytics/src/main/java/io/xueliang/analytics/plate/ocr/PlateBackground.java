package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.PlateColour;

/**
 * Tells whether a crop looks like a plate by its colours: a plate is characters on one background of
 * blue, yellow, green, white or black, so one of these covers a good part of it, while shop signs,
 * car bodies and road markings under text are mostly another colour or several. Works on HSV with
 * hue in degrees; the bands are wide because cameras at night and in sun shift them.
 */
final class PlateBackground {
    /** Pixels this saturated in no plate colour (red, orange, purple) are foreign to any plate. */
    private static final double FOREIGN_SATURATION = 0.35;
    /** Plates in street photographs have under 10 % foreign pixels (the crop's inner part). */
    static final double MAX_FOREIGN = 0.15;
    /** Mean saturation below which a crop is taken as colourless. */
    private static final double MONOCHROME = 0.08;

    /**
     * The dominant background colour, the share of pixels it covers, and the share of strongly coloured
     * pixels of no plate colour (a red sign's field, whose white letters would pass for a white plate).
     */
    record Verdict(PlateColour colour, double share, double foreign) {
    }

    private PlateBackground() {
    }

    static Verdict of(BgrImage crop) {
        int w = crop.width();
        int h = crop.height();
        // the inner part: the margin of the crop is outside the plate
        int x0 = w / 10;
        int x1 = w - w / 10;
        int y0 = h / 6;
        int y1 = h - h / 6;
        int[] counts = new int[PlateColour.values().length];
        int total = 0;
        int foreign = 0;
        double saturation = 0;
        byte[] px = crop.pixelsReadOnly();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y * w + x) * 3;
                int r = px[i + 2] & 0xFF;
                int g = px[i + 1] & 0xFF;
                int b = px[i] & 0xFF;
                PlateColour c = classify(r, g, b);
                counts[c.ordinal()]++;
                int max = Math.max(r, Math.max(g, b));
                double s = max == 0 ? 0 : (max - Math.min(r, Math.min(g, b))) / (double) max;
                saturation += s;
                if (c == PlateColour.UNKNOWN && s >= FOREIGN_SATURATION && max >= 60) {
                    foreign++;
                }
                total++;
            }
        }
        if (total == 0) {
            return new Verdict(PlateColour.UNKNOWN, 0, 0);
        }
        if (saturation / total < MONOCHROME) {
            // an infrared or monochrome picture: colour tells nothing, so it rejects nothing
            return new Verdict(PlateColour.UNKNOWN, 1, 0);
        }
        PlateColour best = PlateColour.UNKNOWN;
        int bestCount = 0;
        for (PlateColour c : PlateColour.values()) {
            if (c != PlateColour.UNKNOWN && counts[c.ordinal()] > bestCount) {
                best = c;
                bestCount = counts[c.ordinal()];
            }
        }
        // a blue plate in the dark is partly too dark to have a hue
        int darkBlue = counts[PlateColour.BLUE.ordinal()] + counts[PlateColour.BLACK.ordinal()];
        if (counts[PlateColour.BLUE.ordinal()] > counts[PlateColour.BLACK.ordinal()] / 2 && darkBlue > bestCount) {
            best = PlateColour.BLUE;
            bestCount = darkBlue;
        }
        return new Verdict(best, (double) bestCount / total, (double) foreign / total);
    }

    static PlateColour classify(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        double v = max / 255.0;
        double s = max == 0 ? 0 : (max - min) / (double) max;
        if (v < 0.2) {
            return PlateColour.BLACK;
        }
        double hue = hue(r, g, b, max, min);
        // blue plates fade to grey-blue at night and turn cyan on cheap sensors, so blue starts pale
        if (s >= 0.12 && hue >= 170 && hue <= 265) {
            return PlateColour.BLUE;
        }
        if (s < 0.15) {
            return v > 0.55 ? PlateColour.WHITE : PlateColour.UNKNOWN;
        }
        if (hue >= 15 && hue <= 70 && v > 0.3) {
            return PlateColour.YELLOW;
        }
        if (hue > 70 && hue < 170) {
            return PlateColour.GREEN;
        }
        return PlateColour.UNKNOWN;
    }

    private static double hue(int r, int g, int b, int max, int min) {
        double d = max - min;
        double hue;
        if (max == r) {
            hue = 60 * (((g - b) / d) % 6);
        } else if (max == g) {
            hue = 60 * ((b - r) / d + 2);
        } else {
            hue = 60 * ((r - g) / d + 4);
        }
        return hue < 0 ? hue + 360 : hue;
    }
}
