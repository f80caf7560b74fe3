package io.xueliang.analytics.track;

import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import java.util.Arrays;

/**
 * What a track keeps of one read for the vote: characters, per-character confidences, colour. No pictures.
 *
 * @param confidence the read's weakest character, its weight in the vote
 */
record PlateRead(int[] codePoints, double[] confidences, double confidence, PlateColour colour) {

    static PlateRead of(PlateVerdict.Accepted verdict) {
        int[] codePoints = verdict.text().codePoints().toArray();
        double[] confidences = new double[codePoints.length];
        if (verdict.confidences().size() == codePoints.length) {
            for (int i = 0; i < confidences.length; i++) {
                confidences[i] = clamp(verdict.confidences().get(i));
            }
        } else {
            // a reader that gave one score per line (or a mismatch): every character gets the read's score
            Arrays.fill(confidences, clamp(verdict.confidence()));
        }
        double min = codePoints.length == 0 ? 0 : Arrays.stream(confidences).min().orElse(0);
        return new PlateRead(codePoints, confidences, min, verdict.colour());
    }

    int length() {
        return codePoints.length;
    }

    String text() {
        return new String(codePoints, 0, codePoints.length);
    }

    private static double clamp(double c) {
        return Double.isFinite(c) ? Math.clamp(c, 0, 1) : 0;
    }

    /** Levenshtein distance over code points, giving up above {@code limit} (returns {@code limit + 1}). */
    static int editDistance(int[] a, int[] b, int limit) {
        if (Math.abs(a.length - b.length) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length; j++) {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[b.length], limit + 1);
    }
}
