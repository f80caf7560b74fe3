package io.xueliang.server;

import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.PlateFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of {@code plates eval}, accumulated image by image.
 *
 * <ul>
 *   <li>exact: share of labelled plates whose read equals the label.</li>
 *   <li>character accuracy: 1 - (edit distance / label length), floored at 0, summed over plates and divided by the
 *       labels' total length; an unread plate scores 0.</li>
 *   <li>detection: labels and findings are paired one to one, highest IoU first, when their boxes overlap with
 *       IoU >= {@link #MATCH_IOU} (loose, because labels are axis-aligned boxes of rotated plates). Recall is paired
 *       labels over labels, precision paired findings over findings. A labelled plate with no paired finding counts
 *       as read as "". Crops (labels without a box) are read without detection and left out of both.</li>
 * </ul>
 */
final class PlateScore {
    static final double MATCH_IOU = 0.3;

    record Misread(String file, String expected, String got) { }

    private int images;
    private int plates;
    private int exact;
    private long labelCharacters;
    private double correctCharacters;
    private int boxedLabels;
    private int detectedLabels;
    private int findings;
    private int pairedFindings;
    private long nanos;
    private final List<Misread> misreads = new ArrayList<>();

    /** A picture that is one plate crop, read without detection; {@code got} is null when nothing was accepted. */
    void crop(String file, String expected, String got, long elapsedNanos) {
        images++;
        nanos += elapsedNanos;
        score(file, expected, got);
    }

    /** A picture read with detection. */
    void scene(String file, List<PlateLabels.Label> labels, List<PlateFinding> found, long elapsedNanos) {
        images++;
        nanos += elapsedNanos;
        findings += found.size();
        boxedLabels += labels.size();
        record Pair(int label, int finding, double iou) { }
        List<Pair> pairs = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            for (int f = 0; f < found.size(); f++) {
                double iou = labels.get(l).box().iou(found.get(f).box());
                if (iou >= MATCH_IOU) {
                    pairs.add(new Pair(l, f, iou));
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b.iou(), a.iou()));
        String[] got = new String[labels.size()];
        boolean[] used = new boolean[found.size()];
        for (Pair p : pairs) {
            if (got[p.label()] == null && !used[p.finding()]) {
                got[p.label()] = found.get(p.finding()).text();
                used[p.finding()] = true;
                detectedLabels++;
                pairedFindings++;
            }
        }
        for (int l = 0; l < labels.size(); l++) {
            score(file, labels.get(l).plate(), got[l]);
        }
    }

    private void score(String file, String expected, String got) {
        plates++;
        String read = got == null ? "" : got;
        int length = expected.codePointCount(0, expected.length());
        labelCharacters += length;
        if (read.equals(expected)) {
            exact++;
            correctCharacters += length;
        } else {
            correctCharacters += Math.max(0, length - editDistance(expected, read));
            misreads.add(new Misread(file, expected, read));
        }
    }

    /** Levenshtein distance over code points. */
    static int editDistance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    int images() {
        return images;
    }

    int plates() {
        return plates;
    }

    double exact() {
        return plates == 0 ? 0 : exact / (double) plates;
    }

    double charAccuracy() {
        return labelCharacters == 0 ? 0 : correctCharacters / labelCharacters;
    }

    /** Null when no label had a box. */
    Double detectionRecall() {
        return boxedLabels == 0 ? null : detectedLabels / (double) boxedLabels;
    }

    /** Null when no label had a box; 1 when boxes were labelled but nothing was found (nothing found wrongly). */
    Double detectionPrecision() {
        if (boxedLabels == 0) {
            return null;
        }
        return findings == 0 ? 1.0 : pairedFindings / (double) findings;
    }

    double msPerImage() {
        return images == 0 ? 0 : nanos / 1e6 / images;
    }

    List<Misread> misreads() {
        return List.copyOf(misreads);
    }
}
