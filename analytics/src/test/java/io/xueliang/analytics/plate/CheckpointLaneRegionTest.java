package io.xueliang.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.config.PlatesConfig;
import io.xueliang.synth.plate.PlateFontUnavailableException;
import io.xueliang.synth.scene.RoadCamera;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import java.awt.geom.Point2D;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Detection on the moving part of a picture only: which part, and that what is found there is placed in the picture. */
class CheckpointLaneRegionTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int LIMIT = 960;

    @Test
    void aSmallMotionIsGrownByTheMarginAndAlignedToTheNetworksMultiples() {
        Box motion = new Box(600, 400, 100, 60);
        Box r = CheckpointLane.detectionRegion(motion, W, H, LIMIT).orElseThrow();
        // a margin of 1280 / 24 = 53 pixels on every side, at least
        assertThat(r.x()).isLessThanOrEqualTo(600 - 53);
        assertThat(r.y()).isLessThanOrEqualTo(400 - 53);
        assertThat(r.x() + r.width()).isGreaterThanOrEqualTo(700 + 53);
        assertThat(r.y() + r.height()).isGreaterThanOrEqualTo(460 + 53);
        assertThat(r.width() % 32).isZero();
        assertThat(r.height() % 32).isZero();
        assertThat(r.width()).isLessThanOrEqualTo(100 + 2 * 53 + 32);
    }

    @Test
    void aRegionAtThePicturesEdgeStaysInside() {
        Box r = CheckpointLane.detectionRegion(new Box(1250, 690, 30, 30), W, H, LIMIT).orElseThrow();
        assertThat(r.x()).isGreaterThanOrEqualTo(0);
        assertThat(r.x() + r.width()).isEqualTo(W);
        assertThat(r.y() + r.height()).isEqualTo(H);
        assertThat(r.width() % 32).isZero();
        assertThat(r.height() % 32).isZero();
        Box corner = CheckpointLane.detectionRegion(new Box(0, 0, 10, 10), W, H, LIMIT).orElseThrow();
        assertThat(corner.x()).isZero();
        assertThat(corner.y()).isZero();
    }

    @Test
    void motionOverMostOfThePictureDetectsOnTheWholePicture() {
        // a region is detected at the whole picture's scale (0.75 here): a 800 x 400 motion grows to about
        // 928 x 512, 52 % of the picture's pixels, worth cropping; 1000 x 560 grows past 0.7 of them
        assertThat(CheckpointLane.detectionRegion(new Box(100, 100, 800, 400), W, H, LIMIT)).isPresent();
        assertThat(CheckpointLane.detectionRegion(new Box(100, 60, 1000, 560), W, H, LIMIT)).isEmpty();
        assertThat(CheckpointLane.detectionRegion(new Box(0, 0, W, H), W, H, LIMIT)).isEmpty();
        // half the width and height is a quarter of the pixels: cropped
        assertThat(CheckpointLane.detectionRegion(new Box(300, 200, 500, 250), W, H, LIMIT)).isPresent();
    }

    @Test
    void partsApartAreDetectedApartAndOverlappingOnesMerged() {
        // two vehicles in opposite lanes: two regions, cheaper together than their union would be
        List<Box> apart = CheckpointLane.detectionRegions(List.of(new Box(100, 400, 200, 150),
                new Box(900, 200, 150, 100)), W, H, LIMIT);
        assertThat(apart).hasSize(2);
        assertThat(apart.get(0).x() + apart.get(0).width()).isLessThan(apart.get(1).x());
        // their grown regions overlap: one region holding both
        List<Box> close = CheckpointLane.detectionRegions(List.of(new Box(100, 400, 200, 150),
                new Box(330, 420, 100, 100)), W, H, LIMIT);
        assertThat(close).hasSize(1);
        assertThat(close.getFirst().x()).isLessThanOrEqualTo(100 - 53);
        assertThat(close.getFirst().x() + close.getFirst().width()).isGreaterThanOrEqualTo(430 + 53);
        assertThat(CheckpointLane.detectionRegions(List.of(), W, H, LIMIT)).isEmpty();
    }

    @Test
    void aPlateFoundInARegionHasItsBoxInThePicturesPixels() {
        TrafficPlan plan = new TrafficPlan(6, 16);
        SceneRenderer scene;
        try {
            scene = new SceneRenderer(plan, 6, "卡口 K7+100", ZonedDateTime.parse("2026-03-01T08:00:00+08:00"));
        } catch (PlateFontUnavailableException e) {
            System.out.println("SKIPPED: no CJK font to render plates: " + e.getMessage());
            Assumptions.abort("no CJK font: " + e.getMessage());
            return;
        }
        Vehicle v = plan.vehicles().getFirst();
        double t = v.crossSeconds();
        BgrImage frame = BgrImage.of(scene.render(t));
        assertThat(frame.width()).isEqualTo(RoadCamera.WIDTH);
        Point2D.Double[] corners = scene.plateCorners(v, t);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -1;
        double maxY = -1;
        for (Point2D.Double c : corners) {
            minX = Math.min(minX, c.x);
            minY = Math.min(minY, c.y);
            maxX = Math.max(maxX, c.x);
            maxY = Math.max(maxY, c.y);
        }
        Box plate = new Box(minX, minY, maxX - minX, maxY - minY);
        // as if the vehicle's front moved: the plate and some of the car around it
        Box motion = new Box(minX - 120, minY - 150, maxX - minX + 240, maxY - minY + 200);
        Box region = CheckpointLane.detectionRegion(motion, frame.width(), frame.height(), LIMIT).orElseThrow();
        assertThat(region.x() + region.y()).as("region %s is away from the origin, so a missing shift would show",
                region).isGreaterThan(200);
        try (PlateReader reader = PlateReadingService.readers(PlatesConfig.defaults(), 1).get()) {
            List<PlateFinding> inRegion = reader.read(frame, region);
            Optional<PlateFinding> mine = inRegion.stream().filter(f -> f.text().equals(v.plate().text())).findFirst();
            assertThat(mine).as("%s read in region %s: %s", v.plate().text(), region, inRegion).isPresent();
            Box box = mine.get().box();
            System.out.printf("plate %s at %s, found in region %s at %s (IoU %.2f)%n", v.plate().text(), plate, region,
                    box, box.iou(plate));
            assertThat(box.iou(plate)).as("found %s, drawn %s", box, plate).isGreaterThan(0.5);
            PlateFinding whole = reader.read(frame).stream().filter(f -> f.text().equals(v.plate().text()))
                    .findFirst().orElseThrow();
            assertThat(box.iou(whole.box())).as("region %s, whole picture %s", box, whole.box()).isGreaterThan(0.7);
        }
    }
}
