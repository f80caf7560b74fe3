package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.util.List;

/**
 * A place in a frame that may be a plate.
 *
 * @param corners   clockwise from the plate's top-left, in frame pixels
 * @param box       the axis-aligned bounds
 * @param score     the detector's confidence, 0..1
 * @param crop      the plate upright and perspective-corrected, one text line (a two-line plate's lines side by side)
 * @param fallbacks other readings of the same place, to try in order when {@code crop} reads as no plate (the lower
 *                  line alone, when the "upper line" of a two-line region was a badge or a grille)
 */
public record PlateCandidate(double[] corners, Box box, double score, BgrImage crop, List<PlateCandidate> fallbacks) {
    public PlateCandidate {
        fallbacks = List.copyOf(fallbacks);
    }

    public PlateCandidate(double[] corners, Box box, double score, BgrImage crop) {
        this(corners, box, score, crop, List.of());
    }
}
