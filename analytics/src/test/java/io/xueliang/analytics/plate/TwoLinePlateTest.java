package io.xueliang.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.ocr.DbNetPlateDetector;
import io.xueliang.analytics.plate.ocr.DetectionSettings;
import io.xueliang.analytics.plate.ocr.PlateCandidate;
import io.xueliang.analytics.plate.ocr.PlateDetector;
import io.xueliang.analytics.plate.ocr.PlateRecogniser;
import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.PlateSpec;
import io.xueliang.synth.plate.PlateType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A two-line yellow plate (GA 36-2018, 440 x 220 mm: province and letter above, five characters below) in a
 * picture, found and read end to end. The synth renderer draws one-line plates only, so the two lines are cut out
 * of two rendered one-line plates and stacked on a yellow field. A badge stacked on a one-line plate looks like a
 * two-line plate to the detector, so the reader falls back to the lower line.
 */
class TwoLinePlateTest {
    private static final ChinesePlateRenderer RENDERER = new ChinesePlateRenderer();

    @Test
    void aTwoLinePlateIsReadAsItsUpperLineThenItsLowerLine() throws Exception {
        BufferedImage picture = new BufferedImage(800, 600, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = picture.createGraphics();
        try {
            g.setColor(new Color(70, 72, 75));
            g.fillRect(0, 0, 800, 600);
            g.drawImage(twoLinePlate("津A", "D9823", 240), 280, 240, null);
        } finally {
            g.dispose();
        }
        try (PlateReader reader = new PlateReader(DbNetPlateDetector.open(2, DetectionSettings.defaults()),
                new PlateRecogniser(2))) {
            List<PlateFinding> found = reader.read(BgrImage.of(picture));

            assertThat(found).extracting(PlateFinding::text).containsExactly("津AD9823");
            // the box is the whole plate, both lines
            assertThat(found.getFirst().box().height()).isGreaterThan(60);
        }
    }

    @Test
    void aBadgeJustAboveAOneLinePlateIsNotTakenForItsUpperLine() throws Exception {
        BufferedImage picture = new BufferedImage(800, 600, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = picture.createGraphics();
        try {
            g.setColor(new Color(30, 30, 32));
            g.fillRect(0, 0, 800, 600);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(225, 225, 225));
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 34));
            g.drawString("TOYOTA", 340, 300);
            g.drawImage(RENDERER.render(new PlateSpec("湘C5B210", PlateType.BLUE), 220), 290, 310, null);
        } finally {
            g.dispose();
        }
        try (PlateReader reader = new PlateReader(DbNetPlateDetector.open(2, DetectionSettings.defaults()),
                new PlateRecogniser(2))) {
            List<PlateFinding> found = reader.read(BgrImage.of(picture));

            assertThat(found).extracting(PlateFinding::text).containsExactly("湘C5B210");
        }
    }

    @Test
    void whenAStackedReadingIsNoPlateTheLowerLineAloneIsReadWithItsOwnBox() {
        BgrImage plate = new RenderedPlates().crop("湘C5B210", PlateType.BLUE, 200, 0, 1.0);
        BgrImage noise = BgrImage.wrap(160, 48, new byte[160 * 48 * 3]);
        Box lowerBox = new Box(40, 70, plate.width(), plate.height());
        PlateCandidate lower = new PlateCandidate(new double[8], lowerBox, 0.9, plate);
        PlateCandidate stacked = new PlateCandidate(new double[8], new Box(40, 10, plate.width(), 130), 0.9, noise,
                List.of(lower));
        PlateDetector detector = new PlateDetector() {
            @Override
            public List<PlateCandidate> detect(BgrImage frame) {
                return List.of(stacked);
            }

            @Override
            public void close() {
            }
        };
        try (PlateReader reader = new PlateReader(detector, new PlateRecogniser(2))) {
            List<PlateFinding> found = reader.read(noise);

            assertThat(found).extracting(PlateFinding::text).containsExactly("湘C5B210");
            assertThat(found.getFirst().box()).isEqualTo(lowerBox);
        }
    }

    /**
     * The plate {@code width} pixels wide and half as high: the first two characters of one rendered plate, as
     * tall as 60 of the plate's 220 mm, over the last five of another, 110 mm tall.
     */
    private static BufferedImage twoLinePlate(String upper, String lower, int width) {
        int rendered = width * 440 / 300;
        BufferedImage top = RENDERER.render(new PlateSpec(upper + "12345", PlateType.YELLOW), rendered);
        BufferedImage bottom = RENDERER.render(new PlateSpec("京A" + lower, PlateType.YELLOW), rendered);
        double mm = rendered / 440.0;
        // one-line layout: the second character ends at 117.5 mm, the third starts at 151.5 mm, the plate is 140 mm
        BufferedImage upperLine = top.getSubimage(0, (int) (20 * mm), (int) (125 * mm), (int) (100 * mm));
        BufferedImage lowerLine = bottom.getSubimage((int) (140 * mm), (int) (20 * mm), (int) (292 * mm),
                (int) (100 * mm));
        int height = width / 2;
        BufferedImage plate = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = plate.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(0xF5, 0xC2, 0x00));
            g.fillRect(0, 0, width, height);
            int upperWidth = (int) (width * 0.45);
            g.drawImage(upperLine, (width - upperWidth) / 2, (int) (height * 0.06), upperWidth, (int) (height * 0.3), null);
            g.drawImage(lowerLine, (int) (width * 0.03), (int) (height * 0.42), (int) (width * 0.94), (int) (height * 0.52),
                    null);
            g.setColor(Color.BLACK);
            g.drawRect(2, 2, width - 5, height - 5);
        } finally {
            g.dispose();
        }
        return plate;
    }
}
