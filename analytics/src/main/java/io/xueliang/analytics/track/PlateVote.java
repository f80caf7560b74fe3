package io.xueliang.analytics.track;

import io.xueliang.analytics.plate.grammar.PlateColour;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consolidated read of a track: reads are grouped by length, the group with the most weight wins (a dropped or
 * doubled character must not shift every position after it), then each position takes the character with the most
 * confidence behind it. A wrong character in a minority of frames is thus outvoted.
 *
 * @param confidence      weakest voted character times the winning length's share of the weight
 * @param charConfidences per position: share of the weight agreeing times the best agreeing confidence
 */
record PlateVote(String text, PlateColour colour, double confidence, double[] charConfidences) {

    /** Weight of a read with zero confidence, so that such reads still count and the vote is never empty. */
    private static final double FLOOR = 1e-6;

    static PlateVote of(List<PlateRead> reads) {
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("no reads to vote on");
        }
        // sorted by length so that ties go the same way every time
        Map<Integer, Double> lengthWeight = new TreeMap<>();
        double total = 0;
        for (PlateRead read : reads) {
            double w = read.confidence() + FLOOR;
            lengthWeight.merge(read.length(), w, Double::sum);
            total += w;
        }
        int length = -1;
        double best = -1;
        for (var e : lengthWeight.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                length = e.getKey();
            }
        }
        double lengthShare = best / total;

        int[] text = new int[length];
        double[] charConfidences = new double[length];
        for (int pos = 0; pos < length; pos++) {
            Map<Integer, double[]> tally = new HashMap<>(); // code point -> {weight, best confidence}
            double positionTotal = 0;
            for (PlateRead read : reads) {
                if (read.length() != length) {
                    continue;
                }
                double c = read.confidences()[pos];
                double[] t = tally.computeIfAbsent(read.codePoints()[pos], k -> new double[2]);
                t[0] += c + FLOOR;
                t[1] = Math.max(t[1], c);
                positionTotal += c + FLOOR;
            }
            int winner = -1;
            double[] won = null;
            for (var e : tally.entrySet()) {
                double[] t = e.getValue();
                if (won == null || t[0] > won[0] || (t[0] == won[0] && e.getKey() < winner)) {
                    winner = e.getKey();
                    won = t;
                }
            }
            text[pos] = winner;
            charConfidences[pos] = won[0] / positionTotal * won[1];
        }
        double weakest = 1;
        for (double c : charConfidences) {
            weakest = Math.min(weakest, c);
        }
        double confidence = length == 0 ? 0 : weakest * lengthShare;
        return new PlateVote(new String(text, 0, length), colour(reads), confidence, charConfidences);
    }

    private static PlateColour colour(List<PlateRead> reads) {
        Map<PlateColour, Double> weight = new EnumMap<>(PlateColour.class);
        for (PlateRead read : reads) {
            if (read.colour() != PlateColour.UNKNOWN) {
                weight.merge(read.colour(), read.confidence() + FLOOR, Double::sum);
            }
        }
        PlateColour colour = PlateColour.UNKNOWN;
        double best = 0;
        for (var e : weight.entrySet()) { // enum order breaks ties
            if (e.getValue() > best) {
                best = e.getValue();
                colour = e.getKey();
            }
        }
        return colour;
    }
}
