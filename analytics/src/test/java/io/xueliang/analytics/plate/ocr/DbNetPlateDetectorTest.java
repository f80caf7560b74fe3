package io.xueliang.analytics.plate.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.PlateSpec;
import io.xueliang.synth.plate.PlateType;
import io.xueliang.synth.scene.Direction;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DbNetPlateDetectorTest {
    private static DbNetPlateDetector detector;
    private static SceneRenderer scene;
    private static final ChinesePlateRenderer PLATES = new ChinesePlateRenderer();

    @BeforeAll
    static void open() throws Exception {
        detector = DbNetPlateDetector.open(2, DetectionSettings.defaults());
        scene = new SceneRenderer(new TrafficPlan(7, 20), 7, "卡口 G107 K12",
                ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static BufferedImage emptyRoad() {
        BufferedImage road = scene.renderEmptyRoad(3.0);
        BufferedImage copy = new BufferedImage(road.getWidth(), road.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getRaster().setRect(road.getRaster());
        return copy;
    }

    @Test
    void findsNothingOnAnEmptyRoadWithTheCameraOverlay() {
        assertThat(detector.detect(BgrImage.of(emptyRoad()))).isEmpty();
    }

    @Test
    void findsPlatesPastedAtKnownPlacesAndAngles() {
        List<PastedPlate> plates = List.of(
                new PastedPlate(new PlateSpec("湘A12345", PlateType.BLUE), 300, 300, 180, 0),
                new PastedPlate(new PlateSpec("京B67890", PlateType.YELLOW), 900, 250, 170, 12),
                new PastedPlate(new PlateSpec("粤CD12345", PlateType.GREEN_NEW_ENERGY), 380, 560, 190, -25),
                new PastedPlate(new PlateSpec("川A9K871", PlateType.BLUE), 950, 540, 170, 40));
        BufferedImage picture = emptyRoad();
        plates.forEach(p -> p.paint(picture, PLATES));

        List<PlateCandidate> found = new ArrayList<>(detector.detect(BgrImage.of(picture)));

        for (PastedPlate plate : plates) {
            PlateCandidate best = found.stream()
                    .max((a, b) -> Double.compare(a.box().iou(plate.box()), b.box().iou(plate.box())))
                    .orElseThrow(() -> new AssertionError("no candidates at all, looking for " + plate));
            assertThat(best.box().iou(plate.box())).as("IoU for %s among %s", plate, found).isGreaterThan(0.6);
            assertThat(PastedPlate.topEdgeDegrees(best.corners())).as("angle of %s", plate)
                    .isCloseTo(plate.degrees(), org.assertj.core.data.Offset.offset(5.0));
            found.remove(best);
        }
        assertThat(found).as("false positives").isEmpty();
    }

    @Test
    void rejectsLetteringOnARedSignButKeepsPlatesInAMonochromeInfraredPicture() {
        BufferedImage picture = emptyRoad();
        var g = picture.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                    java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new java.awt.Color(0xC0, 0x18, 0x20));
            // white letters on red in a plate's proportions: the letters alone would pass for a white plate
            g.fillRect(700, 150, 260, 90);
            g.setColor(java.awt.Color.WHITE);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 60));
            g.drawString("A8125", 715, 217);
        } finally {
            g.dispose();
        }
        PastedPlate plate = new PastedPlate(new PlateSpec("湘A7M316", PlateType.BLUE), 400, 450, 180, -10);
        plate.paint(picture, PLATES);

        List<PlateCandidate> colour = detector.detect(BgrImage.of(picture));
        assertThat(colour).hasSize(1);
        assertThat(colour.getFirst().box().iou(plate.box())).isGreaterThan(0.6);

        BufferedImage grey = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var gg = grey.createGraphics();
        try {
            gg.drawImage(picture, 0, 0, null);
        } finally {
            gg.dispose();
        }
        List<PlateCandidate> infrared = detector.detect(BgrImage.of(grey));
        assertThat(infrared).anyMatch(c -> c.box().iou(plate.box()) > 0.6);
    }

    @Test
    void cropOfATiltedPlateComesOutLevelWithThePlatesProportions() {
        PastedPlate plate = new PastedPlate(new PlateSpec("湘C5B210", PlateType.BLUE), 640, 420, 200, 33);
        BufferedImage picture = emptyRoad();
        plate.paint(picture, PLATES);

        List<PlateCandidate> found = detector.detect(BgrImage.of(picture));

        assertThat(found).hasSize(1);
        BgrImage crop = found.getFirst().crop();
        assertThat(crop.height()).isEqualTo(DbNetPlateDetector.CROP_HEIGHT);
        // 440 x 140 mm plus the margin: between 2.6 and 3.8 (at full resolution the text line hugs the characters,
        // which stand 90 of the plate's 140 mm, so the crop is a little wider than the plate)
        assertThat((double) crop.width() / crop.height()).isBetween(2.6, 3.8);
        // the plate's upper and lower blue edge run along one row across the middle of the crop
        List<Integer> tops = new ArrayList<>();
        List<Integer> bottoms = new ArrayList<>();
        for (int x = crop.width() / 5; x < crop.width() * 4 / 5; x++) {
            tops.add(firstBlueRow(crop, x, 0, 1));
            bottoms.add(firstBlueRow(crop, x, crop.height() - 1, -1));
        }
        assertThat(spread(tops)).as("top edge rows %s", tops).isLessThanOrEqualTo(3);
        assertThat(spread(bottoms)).as("bottom edge rows %s", bottoms).isLessThanOrEqualTo(3);
        // and it is the plate, not a sliver: the blue band covers most of the height
        assertThat(bottoms.getFirst() - tops.getFirst()).isGreaterThan(crop.height() * 2 / 3);
    }

    @Test
    void findsTheNearestPlateOfEachLaneInRenderedTraffic() {
        TrafficPlan plan = new TrafficPlan(11, 24);
        SceneRenderer traffic = new SceneRenderer(plan, 11, "卡口 G107 K12",
                ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
        int expected = 0;
        int falsePositives = 0;
        for (double t = 0.5; t < 24; t += 2.0) {
            List<PlateCandidate> found = detector.detect(BgrImage.of(traffic.render(t)));
            List<Box> visible = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                Vehicle nearest = null;
                double nearestZ = Double.POSITIVE_INFINITY;
                for (Vehicle v : plan.vehicles()) {
                    double z = plan.faceDistance(v, t);
                    if (v.direction() == direction && z < nearestZ) {
                        nearest = v;
                        nearestZ = z;
                    }
                }
                for (Vehicle v : plan.vehicles()) {
                    Box box = bounds(traffic.plateCorners(v, t));
                    if (box != null && box.x() > 0 && box.y() > 0 && box.x() + box.width() < 1280
                            && box.y() + box.height() < 720) {
                        visible.add(box);
                        // the nearest of its lane cannot be hidden; from 60 px wide a plate is legible
                        if (v == nearest && box.width() >= 60) {
                            expected++;
                            assertThat(found).as("plate of %s at %.1f s, %s", v.plate().text(), t, box)
                                    .anyMatch(c -> c.box().iou(box) > 0.5);
                        }
                    }
                }
            }
            falsePositives += (int) found.stream().filter(c -> visible.stream().noneMatch(b -> c.box().iou(b) > 0.3))
                    .count();
        }
        assertThat(expected).as("plates checked").isGreaterThan(5);
        assertThat(falsePositives).as("candidates that are no plate in 12 frames").isLessThanOrEqualTo(2);
    }

    private static Box bounds(Point2D.Double[] corners) {
        if (corners == null) {
            return null;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Point2D.Double p : corners) {
            minX = Math.min(minX, p.x);
            minY = Math.min(minY, p.y);
            maxX = Math.max(maxX, p.x);
            maxY = Math.max(maxY, p.y);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    private static int firstBlueRow(BgrImage crop, int x, int from, int step) {
        for (int y = from; y >= 0 && y < crop.height(); y += step) {
            if (PlateBackground.classify(crop.channel(x, y, 2), crop.channel(x, y, 1), crop.channel(x, y, 0))
                    == PlateColour.BLUE) {
                return y;
            }
        }
        return -1;
    }

    private static int spread(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - rows.stream().mapToInt(Integer::intValue).min().orElseThrow();
    }
}
