package io.xueliang.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xueliang.analytics.image.BgrImage;

/** Checks that a decoded picture is the {@link TestStreams#pattern} picture it claims to be. */
public final class PatternCheck {
    /** Encoding and 4:2:0 chroma move colours a little; far less than the distance between the quadrants. */
    private static final int TOLERANCE = 30;

    private PatternCheck() {
    }

    /** Asserts the four quadrant colours and the bar of picture {@code index}, in a picture of any scale. */
    public static void assertPattern(BgrImage image, int index) {
        double s = (double) image.width() / TestStreams.WIDTH;
        int barCentre = TestStreams.barX(index) + TestStreams.BAR / 2;
        // Quadrant centres, moved off the bar when it crosses them.
        int left = TestStreams.WIDTH / 4;
        int right = 3 * TestStreams.WIDTH / 4;
        if (Math.abs(left - barCentre) < 3 * TestStreams.BAR) {
            left += 6 * TestStreams.BAR;
        }
        if (Math.abs(right - barCentre) < 3 * TestStreams.BAR) {
            right += 6 * TestStreams.BAR;
        }
        assertColour(image, s, left, TestStreams.HEIGHT / 4, 30, 30, 220, "top left red", index);
        assertColour(image, s, right, TestStreams.HEIGHT / 4, 30, 200, 30, "top right green", index);
        assertColour(image, s, left, 3 * TestStreams.HEIGHT / 4, 220, 30, 30, "bottom left blue", index);
        assertColour(image, s, right, 3 * TestStreams.HEIGHT / 4, 128, 128, 128, "bottom right grey", index);
        int y = (int) (TestStreams.HEIGHT / 4 * s);
        int x = (int) (barCentre * s);
        assertTrue(image.luma(x, y) > 200, "picture " + index + ": white bar expected at x=" + x + ", luma "
                + image.luma(x, y));
        int away = (int) (((barCentre + 4 * TestStreams.BAR) % TestStreams.WIDTH) * s);
        assertTrue(image.luma(away, y) < 200, "picture " + index + ": no bar expected at x=" + away);
    }

    private static void assertColour(BgrImage image, double s, int x, int y, int b, int g, int r, String what,
            int index) {
        int sx = (int) (x * s);
        int sy = (int) (y * s);
        int[] want = {b, g, r};
        for (int c = 0; c < 3; c++) {
            int got = image.channel(sx, sy, c);
            assertTrue(Math.abs(got - want[c]) <= TOLERANCE, "picture " + index + ": " + what + " at " + sx + ","
                    + sy + ": channel " + c + " is " + got + ", expected " + want[c]);
        }
    }
}
