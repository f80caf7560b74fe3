package io.xueliang.analytics.plate;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import java.util.Objects;

/**
 * One plate read in a picture.
 *
 * @param text            the plate as the grammar normalised it ("湘C12345")
 * @param confidence      the weakest character's confidence, 0..1
 * @param charConfidences one per character of {@code text}, after the grammar's fix penalty
 * @param box             where the plate is in the picture; the whole picture for a crop read with
 *                        {@link PlateReader#readCrop}
 * @param colour          the background colour seen on the crop when it fits the plate type, else the type's own
 *                        colour ({@link PlateColour#UNKNOWN} for a 7-character plate whose colour was not told)
 * @param verdict         the grammar's acceptance: format, fixes, low-confidence positions
 * @param crop            the upright plate the text was read from (evidence and tracking keep the best one)
 */
public record PlateFinding(String text, double confidence, double[] charConfidences, Box box, PlateColour colour,
                           PlateVerdict.Accepted verdict, BgrImage crop) {
    public PlateFinding {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(crop, "crop");
        charConfidences = charConfidences.clone();
    }

    /** The same finding with its box moved by {@code dx}, {@code dy} pixels (from a part into the whole picture). */
    public PlateFinding shifted(double dx, double dy) {
        return new PlateFinding(text, confidence, charConfidences, new Box(box.x() + dx, box.y() + dy, box.width(),
                box.height()), colour, verdict, crop);
    }

    @Override
    public double[] charConfidences() {
        return charConfidences.clone();
    }
}
