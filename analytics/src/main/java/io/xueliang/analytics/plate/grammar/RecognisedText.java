package io.xueliang.analytics.plate.grammar;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the recogniser read for one plate after CTC decoding: the characters with one confidence each.
 * Separators and all are kept; the grammar decides what they mean.
 */
public final class RecognisedText {
    private final int[] codePoints;
    private final double[] confidences;

    private RecognisedText(int[] codePoints, double[] confidences) {
        this.codePoints = codePoints;
        this.confidences = confidences;
    }

    /**
     * @param confidences one per code point of {@code text}, each in [0, 1]
     */
    public static RecognisedText of(String text, double... confidences) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(confidences, "confidences");
        int[] codePoints = text.codePoints().toArray();
        if (codePoints.length != confidences.length) {
            throw new IllegalArgumentException(codePoints.length + " characters but " + confidences.length
                    + " confidences in '" + text + "'");
        }
        for (double c : confidences) {
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + c + " outside [0, 1] in '" + text + "'");
            }
        }
        return new RecognisedText(codePoints, confidences.clone());
    }

    /** Every character with the same confidence (tests, and readers that give one score per line). */
    public static RecognisedText uniform(String text, double confidence) {
        double[] confidences = new double[(int) text.codePoints().count()];
        Arrays.fill(confidences, confidence);
        return of(text, confidences);
    }

    public int length() {
        return codePoints.length;
    }

    public int codePointAt(int index) {
        return codePoints[index];
    }

    public double confidenceAt(int index) {
        return confidences[index];
    }

    public String text() {
        return new String(codePoints, 0, codePoints.length);
    }

    @Override
    public String toString() {
        return text();
    }
}
