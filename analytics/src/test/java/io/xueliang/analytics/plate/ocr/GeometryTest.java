package io.xueliang.analytics.plate.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.PlateColour;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryTest {

    @Test
    void minAreaRectRecoversATiltedRectangleFromPointsInsideIt() {
        RotatedRect truth = new RotatedRect(200, 120, 90, 30, Math.toRadians(-35));
        Random random = new Random(3);
        double[] xy = new double[2 * 504];
        double[] c = truth.corners();
        System.arraycopy(c, 0, xy, 0, 8);
        for (int i = 4; i < 504; i++) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble() - 0.5;
            xy[2 * i] = truth.cx() + u * 90 * Math.cos(truth.angle()) - v * 30 * Math.sin(truth.angle());
            xy[2 * i + 1] = truth.cy() + u * 90 * Math.sin(truth.angle()) + v * 30 * Math.cos(truth.angle());
        }
        RotatedRect r = MinAreaRect.of(xy, 504);
        assertThat(r.cx()).isCloseTo(200, offset(1e-6));
        assertThat(r.cy()).isCloseTo(120, offset(1e-6));
        assertThat(r.width()).isCloseTo(90, offset(1e-6));
        assertThat(r.height()).isCloseTo(30, offset(1e-6));
        assertThat(Math.toDegrees(r.angle())).isCloseTo(-35, offset(1e-6));
    }

    @Test
    void cornersRunClockwiseFromTheTopLeft() {
        double[] c = new RotatedRect(50, 20, 40, 10, 0).corners();
        assertThat(c).containsExactly(30, 15, 70, 15, 70, 25, 30, 25);
    }

    @Test
    void perspectiveCropOfAnUprightRectangleIsTheSameAsAPlainCrop() {
        byte[] px = new byte[64 * 32 * 3];
        new Random(5).nextBytes(px);
        BgrImage frame = BgrImage.wrap(64, 32, px);
        BgrImage warped = PerspectiveCrop.crop(frame, new double[] {10, 4, 40, 4, 40, 24, 10, 24}, 30, 20);
        assertThat(warped.pixels()).isEqualTo(frame.crop(10, 4, 30, 20).pixels());
    }

    @Test
    void piecesOfOneLineAreJoinedAndTwoLinePlatesAreJoinedButParagraphsAreNot() {
        RotatedRect province = new RotatedRect(100, 50, 40, 20, 0);
        RotatedRect serial = new RotatedRect(170, 51, 80, 20, 0);
        List<TextRegions.Region> joined = LineMerger.merge(List.of(new TextRegions.Region(province, 0.9),
                new TextRegions.Region(serial, 0.8)));
        assertThat(joined).hasSize(1);
        assertThat(joined.getFirst().rect().width()).isCloseTo(130, offset(1.0));

        RotatedRect top = new RotatedRect(200, 100, 60, 18, 0);
        RotatedRect bottom = new RotatedRect(200, 124, 130, 28, 0);
        assertThat(LineMerger.merge(List.of(new TextRegions.Region(top, 0.9), new TextRegions.Region(bottom, 0.9))))
                .hasSize(1);

        RotatedRect line1 = new RotatedRect(200, 100, 200, 20, 0);
        RotatedRect line2 = new RotatedRect(200, 126, 200, 20, 0);
        assertThat(LineMerger.merge(List.of(new TextRegions.Region(line1, 0.9), new TextRegions.Region(line2, 0.9))))
                .hasSize(2);
    }

    @Test
    void aTwoLinePlateKeepsItsWholeLowerLineWhenThatLineCameInPieces() {
        // the upper line would also stack on the left piece alone, which must not happen first
        RotatedRect top = new RotatedRect(185, 100, 60, 18, 0);
        RotatedRect left = new RotatedRect(175, 124, 80, 28, 0);
        RotatedRect right = new RotatedRect(245, 124, 40, 28, 0);
        List<TextRegions.Region> joined = LineMerger.merge(List.of(new TextRegions.Region(top, 0.9),
                new TextRegions.Region(left, 0.9), new TextRegions.Region(right, 0.9)));

        assertThat(joined).hasSize(1);
        TextRegions.Region plate = joined.getFirst();
        assertThat(plate.twoLines()).isTrue();
        assertThat(plate.top()).isEqualTo(top);
        // the lower line is both pieces: 135 to 265
        assertThat(plate.bottom().width()).isCloseTo(130, offset(1.0));
        assertThat(plate.bottom().cy()).isCloseTo(124, offset(1.0));
        assertThat(plate.rect().height()).isCloseTo(47, offset(1.0));
    }

    @Test
    void plateBackgroundsAreToldApart() {
        assertThat(PlateBackground.classify(0x0B, 0x3E, 0xA8)).isEqualTo(PlateColour.BLUE);
        assertThat(PlateBackground.classify(0xF5, 0xC2, 0x00)).isEqualTo(PlateColour.YELLOW);
        assertThat(PlateBackground.classify(0x2E, 0xB8, 0x5C)).isEqualTo(PlateColour.GREEN);
        assertThat(PlateBackground.classify(0xF0, 0xF0, 0xEE)).isEqualTo(PlateColour.WHITE);
        assertThat(PlateBackground.classify(0x10, 0x10, 0x12)).isEqualTo(PlateColour.BLACK);
        assertThat(PlateBackground.classify(0xC0, 0x20, 0x20)).isEqualTo(PlateColour.UNKNOWN);
    }
}
