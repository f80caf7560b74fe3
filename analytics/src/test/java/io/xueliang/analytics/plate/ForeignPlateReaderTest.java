package io.xueliang.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.GrammarSettings;
import io.xueliang.analytics.plate.grammar.PlatePattern;
import io.xueliang.analytics.plate.ocr.PlateRecogniser;
import io.xueliang.analytics.plate.ocr.WholePictureDetector;
import io.xueliang.config.PlatesConfig;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A configured foreign format read from plates drawn here: French SIV plates (AA-123-AA, black on white with the
 * blue EU band), which a reader for Chinese plates only must not read with any confidence.
 */
class ForeignPlateReaderTest {
    private static final List<String> PLATES = List.of("AB-123-CD", "GH-480-KL", "FX-907-TZ", "DM-356-PR",
            "BC-212-WN", "EV-608-SA");

    @Test
    void readsFrenchPlatesWhenTheFormatIsConfiguredAndOnlyThen() {
        List<PlatePattern> patterns = List.of(PlatePattern.FRANCE);
        List<String> wrong = new ArrayList<>();
        int total = 0;
        try (PlateReader french = new PlateReader(new WholePictureDetector(),
                new PlateRecogniser(2, PlateReader.foreignCharacters(patterns)), GrammarSettings.DEFAULTS, patterns);
             PlateReader chineseOnly = new PlateReader(new WholePictureDetector(), new PlateRecogniser(2))) {
            for (String text : PLATES) {
                for (int width : new int[] {150, 260}) {
                    BgrImage crop = BgrImage.of(draw(text, width));
                    total++;
                    Optional<PlateFinding> read = french.readCrop(crop);
                    if (read.isEmpty() || !read.get().text().equals(text)
                            || !read.get().verdict().format().name().equals("FR")) {
                        wrong.add(text + "@" + width + "px read as " + read.map(PlateFinding::text).orElse("nothing"));
                    }
                    // the Chinese decoder forces a plate shape on anything; what it makes of a French plate must stay
                    // below the confidence a read needs to be published
                    assertThat(chineseOnly.readCrop(crop).map(PlateFinding::confidence).orElse(0.0))
                            .as("a Chinese-only reader on %s", text)
                            .isLessThan(PlatesConfig.defaults().minConfidence());
                }
            }
        }
        System.out.printf("French plates: %d/%d read exactly; misreads %s%n", total - wrong.size(), total, wrong);
        assertThat(total - wrong.size()).as("misreads %s", wrong).isGreaterThanOrEqualTo(total - 1);
    }

    /** A French plate, 520 x 110 mm, scaled to {@code width} pixels. */
    private static BufferedImage draw(String text, int width) {
        int height = Math.round(width * 110f / 520f);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF4, 0xF4, 0xF0));
            g.fillRect(0, 0, width, height);
            int band = Math.round(width * 40f / 520f);
            g.setColor(new Color(0x00, 0x33, 0x99));
            g.fillRect(0, 0, band, height);
            g.fillRect(width - band, 0, band, height);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(Math.max(1, width / 200f)));
            g.drawRect(0, 0, width - 1, height - 1);
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.round(height * 0.72f));
            g.setFont(font);
            var metrics = g.getFontMetrics();
            int textWidth = metrics.stringWidth(text);
            int room = width - 2 * band;
            float scale = Math.min(1f, room * 0.94f / textWidth);
            g.setFont(font.deriveFont(font.getSize2D() * scale));
            metrics = g.getFontMetrics();
            int x = band + (room - metrics.stringWidth(text)) / 2;
            int y = (height + metrics.getAscent() - metrics.getDescent()) / 2;
            g.drawString(text, x, y);
        } finally {
            g.dispose();
        }
        return image;
    }
}
