package io.xueliang.synth.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChinesePlateRendererTest {
    private final ChinesePlateRenderer renderer = new ChinesePlateRenderer();

    static Stream<Arguments> plates() {
        return Stream.of(
                Arguments.of(new PlateSpec("湘C·12345", PlateType.BLUE), new Color(0x0B, 0x3E, 0xA8), 440 / 140.0),
                Arguments.of(new PlateSpec("京A8M9B0", PlateType.YELLOW), new Color(0xF5, 0xC2, 0x00), 440 / 140.0),
                Arguments.of(new PlateSpec("湘C·D12345", PlateType.GREEN_NEW_ENERGY), null, 480 / 140.0));
    }

    @ParameterizedTest
    @MethodSource("plates")
    void rendersPlateWithItsAspectRatioAndBackgroundColour(PlateSpec spec, Color background, double aspect) {
        BufferedImage image = renderer.render(spec, 160);
        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getHeight()).isEqualTo((int) Math.round(160 / aspect));
        // the gap with the separator dot, just above it, is plate background
        Color probe = new Color(image.getRGB((int) (image.getWidth() * 0.275), (int) (image.getHeight() * 0.25)));
        if (background != null) {
            assertThat(probe).isEqualTo(background);
        } else {
            assertThat(probe.getGreen()).isGreaterThan(probe.getRed()).isGreaterThan(200);
        }
    }

    @Test
    void drawsCharactersInTheTextColour() {
        BufferedImage image = renderer.render(new PlateSpec("湘C11111", PlateType.BLUE), 440);
        long white = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            Color c = new Color(image.getRGB(x, image.getHeight() / 2));
            if (c.getRed() > 240 && c.getBlue() > 240) {
                white++;
            }
        }
        assertThat(white).as("white pixels across the middle row").isGreaterThan(40);
    }

    @Test
    void failsClearlyWhenTheFontCannotDrawTheProvinceCharacter() throws Exception {
        java.io.File dejavu = new java.io.File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(dejavu.isFile(), "DejaVu Sans (a font without CJK) is not installed");
        java.awt.Font latinOnly = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, dejavu);
        ChinesePlateRenderer r = new ChinesePlateRenderer(latinOnly, latinOnly);
        assertThatThrownBy(() -> r.render(new PlateSpec("湘C12345", PlateType.BLUE), 100))
                .isInstanceOf(PlateFontUnavailableException.class).hasMessageContaining("'湘'")
                .hasMessageContaining("fonts-wqy-zenhei");
    }

    @Test
    void separatorIsOptionalInSpecText() {
        assertThat(new PlateSpec("湘C·12345", PlateType.BLUE)).isEqualTo(new PlateSpec("湘C12345", PlateType.BLUE));
        assertThat(new PlateSpec("湘C12345", PlateType.BLUE).displayText()).isEqualTo("湘C·12345");
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("湘C1234", PlateType.BLUE, "has 6 characters, a BLUE plate has 7"),
                Arguments.of("湘C12345", PlateType.GREEN_NEW_ENERGY, "has 7 characters, a GREEN_NEW_ENERGY plate has 8"),
                Arguments.of("湘c12345", PlateType.BLUE, "character 2 'c' is not an upper-case ASCII letter or digit"),
                Arguments.of("HC12345", PlateType.BLUE, "first character must be a province character"));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void rejectsMalformedPlateText(String text, PlateType type, String message) {
        assertThatThrownBy(() -> new PlateSpec(text, type)).hasMessageContaining(message);
    }
}
