package io.xueliang.analytics.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.synth.plate.PlateFontUnavailableException;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MotionGateTest {
    private static final int W = 640;
    private static final int H = 360;

    /** A textured grey road with sensor noise and a white box at {@code boxX} in the lower half (none when negative). */
    private static BgrImage picture(int boxX, Random noise) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            for (int y = 0; y < H; y += 20) {
                g.setColor(new Color(90 + y / 8, 90 + y / 8, 95 + y / 8));
                g.fillRect(0, y, W, 20);
            }
            if (boxX >= 0) {
                g.setColor(new Color(235, 235, 230));
                g.fillRect(boxX, 250, 80, 50);
            }
        } finally {
            g.dispose();
        }
        BgrImage bgr = BgrImage.of(image);
        byte[] p = bgr.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) Math.clamp((p[i] & 0xFF) + noise.nextInt(9) - 4, 0, 255);
        }
        return BgrImage.wrap(W, H, p);
    }

    @Test
    void stillNoisyPicturesAreNotMoving() {
        MotionGate gate = new MotionGate(MotionSettings.defaults());
        Random noise = new Random(1);
        for (int i = 0; i < 20; i++) {
            assertFalse(gate.moving(picture(200, noise)), "picture " + i + ", changed " + gate.lastChangedShare());
            assertTrue(gate.lastMotionBox().isEmpty(), "no motion box when still");
        }
    }

    @Test
    void aMovingBoxIsMovingAndAStoppedOneFadesIntoTheBackground() {
        MotionGate gate = new MotionGate(MotionSettings.defaults());
        Random noise = new Random(2);
        assertFalse(gate.moving(picture(-1, noise)), "the first picture only sets the background");
        for (int i = 0; i < 10; i++) {
            assertTrue(gate.moving(picture(40 * i, noise)), "box at " + 40 * i);
            Box where = gate.lastMotionBox().orElseThrow();
            // the box's new place lies inside; the old place (still in the background) and noise may add a little
            assertTrue(where.x() <= 40 * i && where.x() + where.width() >= 40 * i + 80 && where.y() <= 250
                    && where.y() + where.height() >= 300, "box at " + 40 * i + " inside " + where);
            assertTrue(where.y() >= 200 && where.height() <= 120 && where.width() <= 80 + 40 * i + 64,
                    "only around the box, not the noisy rest: " + where);
        }
        boolean faded = false;
        for (int i = 0; i < 100 && !faded; i++) {
            faded = !gate.moving(picture(360, noise));
        }
        assertTrue(faded, "a box that stopped became background");
    }

    @Test
    void twoBoxesApartAreTwoMovingParts() {
        MotionGate gate = new MotionGate(MotionSettings.defaults());
        Random noise = new Random(3);
        gate.moving(picture(-1, noise));
        BgrImage first = picture(40, noise);
        byte[] p = first.pixels();
        // a second box far right of the first, higher up
        for (int y = 60; y < 110; y++) {
            for (int x = 520; x < 600; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(y * W + x) * 3 + c] = (byte) 235;
                }
            }
        }
        assertTrue(gate.moving(BgrImage.wrap(W, H, p)));
        assertEquals(2, gate.lastMotionBoxes().size(), "parts " + gate.lastMotionBoxes());
        Box union = gate.lastMotionBox().orElseThrow();
        assertTrue(union.x() <= 40 && union.x() + union.width() >= 600 && union.y() <= 60, "union " + union);
    }

    @Test
    void motionOutsideTheRegionIsNotMoving() {
        MotionGate upper = new MotionGate(MotionSettings.defaults().withRegion(new RegionOfInterest(0, 0, 1, 0.6)));
        MotionGate lower = new MotionGate(MotionSettings.defaults().withRegion(new RegionOfInterest(0, 0.6, 1, 0.4)));
        Random noise = new Random(3);
        for (int i = 0; i < 10; i++) {
            BgrImage p = picture(40 * i, noise);
            assertFalse(upper.moving(p), "box below the region, picture " + i);
            assertEquals(i > 0, lower.moving(p), "box inside the region, picture " + i);
        }
    }

    @Test
    void aRenderedVehicleDrivingPastTheCheckpointIsMovingAndAFrozenFrameIsNot() {
        SceneRenderer renderer;
        TrafficPlan plan = new TrafficPlan(11, 20);
        try {
            renderer = new SceneRenderer(plan, 11, "K12+300", ZonedDateTime.parse("2026-05-01T08:00:00+08:00"));
        } catch (PlateFontUnavailableException e) {
            System.out.println("SKIPPED: no CJK font to render plates: " + e.getMessage());
            Assumptions.abort("no CJK font: " + e.getMessage());
            return;
        }
        Vehicle v = plan.vehicles().getFirst();
        double t = v.crossSeconds();
        // The road below the burnt-in clock (top left) and camera name (bottom right).
        MotionGate gate = new MotionGate(MotionSettings.defaults().withRegion(new RegionOfInterest(0, 0.12, 1, 0.76)));
        Supplier<BgrImage> frozen = () -> BgrImage.of(renderer.render(t));
        assertFalse(gate.moving(BgrImage.of(renderer.render(t - 1.0))));
        for (int i = 1; i <= 5; i++) {
            double at = t - 1.0 + 0.2 * i;
            assertTrue(gate.moving(BgrImage.of(renderer.render(at))),
                    "vehicle " + v.id() + " at " + at + " s, changed " + gate.lastChangedShare());
            Box where = gate.lastMotionBox().orElseThrow();
            Point2D.Double[] plate = renderer.plateCorners(v, at);
            if (plate != null) {
                for (Point2D.Double corner : plate) {
                    assertTrue(corner.x >= where.x() && corner.x <= where.x() + where.width() && corner.y >= where.y()
                            && corner.y <= where.y() + where.height(), "plate corner " + corner + " in " + where);
                }
            }
        }
        MotionGate still = new MotionGate(gate.settings());
        for (int i = 0; i < 5; i++) {
            assertFalse(still.moving(frozen.get()), "frozen picture " + i);
        }
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> new RegionOfInterest(-0.1, 0, 1, 1),
                        "region of interest x must be 0.0..1.0, was -0.1"),
                Arguments.of((Supplier<Object>) () -> new RegionOfInterest(0.5, 0, 0.6, 1),
                        "region of interest reaches beyond the picture: x + width = 1.1, y + height = 1.0"),
                Arguments.of((Supplier<Object>) () -> new RegionOfInterest(0, 0, 0, 1),
                        "region of interest is empty: 0.0 x 1.0"),
                Arguments.of((Supplier<Object>) () -> new RegionOfInterest(0, 0, Double.NaN, 1),
                        "region of interest width must be 0.0..1.0, was NaN"),
                Arguments.of((Supplier<Object>) () -> new MotionSettings(RegionOfInterest.WHOLE, 8, 25, 0.01, 0.05),
                        "analysisWidth must be 16..640, was 8"),
                Arguments.of((Supplier<Object>) () -> new MotionSettings(RegionOfInterest.WHOLE, 160, 0, 0.01, 0.05),
                        "pixelThreshold must be 1..255, was 0"),
                Arguments.of((Supplier<Object>) () -> new MotionSettings(RegionOfInterest.WHOLE, 160, 25, 0, 0.05),
                        "minChangedShare must be above 0 and at most 1, was 0.0"),
                Arguments.of((Supplier<Object>) () -> new MotionSettings(RegionOfInterest.WHOLE, 160, 25, 0.01, 1.5),
                        "backgroundRate must be above 0 and at most 1, was 1.5"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void refusesInvalidSettingsSayingWhy(Supplier<Object> make, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make::get).getMessage());
    }
}
