package io.xueliang.analytics.plate.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins text rectangles that are one plate: DBNet often breaks a plate's line at the separator dot
 * ("京A" + "12345"), and a two-line plate (large vehicles, 440 x 220 mm: province and letter above,
 * five bigger characters below) comes out as two lines. Pieces at the same angle, side by side on one
 * line with a gap under a character height, or a shorter line just above a longer one, are merged
 * into their common smallest rectangle, until no pair is left. Pieces of one line are joined first, then
 * lines are stacked, so a two-line region keeps its two whole lines (the reader reads them apart).
 */
final class LineMerger {
    /** Most regions considered: merging is quadratic. */
    static final int MAX_INPUT = 200;
    private static final double MAX_ANGLE = Math.toRadians(12);

    private LineMerger() {
    }

    static List<TextRegions.Region> merge(List<TextRegions.Region> regions) {
        List<TextRegions.Region> out = new ArrayList<>(regions.subList(0, Math.min(MAX_INPUT, regions.size())));
        while (joinOnePair(out, false)) {
            // pieces of one line first
        }
        while (joinOnePair(out, true)) {
            // then the lines of two-line plates
        }
        return out;
    }

    /** Joins the first pair that is one line ({@code stacked} false) or two stacked lines; answers whether it did. */
    private static boolean joinOnePair(List<TextRegions.Region> out, boolean stacked) {
        for (int i = 0; i < out.size(); i++) {
            for (int j = i + 1; j < out.size(); j++) {
                TextRegions.Region a = out.get(i);
                TextRegions.Region b = out.get(j);
                TextRegions.Region joined = null;
                if (!stacked && !a.twoLines() && !b.twoLines() && sameLine(a.rect(), b.rect())) {
                    joined = join(a, b, null, null);
                } else if (stacked && !a.twoLines() && !b.twoLines()) {
                    if (twoLines(a.rect(), b.rect())) {
                        joined = join(a, b, a.rect(), b.rect());
                    } else if (twoLines(b.rect(), a.rect())) {
                        joined = join(a, b, b.rect(), a.rect());
                    }
                }
                if (joined != null) {
                    out.remove(j);
                    out.set(i, joined);
                    return true;
                }
            }
        }
        return false;
    }

    /** Side by side on one text line. */
    static boolean sameLine(RotatedRect a, RotatedRect b) {
        double h = Math.max(a.height(), b.height());
        if (Math.min(a.height(), b.height()) < 0.6 * h || !similarAngle(a, b, h)) {
            return false;
        }
        RotatedRect axis = a.width() >= b.width() ? a : b;
        double dx = b.cx() - a.cx();
        double dy = b.cy() - a.cy();
        double along = Math.abs(dx * Math.cos(axis.angle()) + dy * Math.sin(axis.angle()));
        double across = Math.abs(-dx * Math.sin(axis.angle()) + dy * Math.cos(axis.angle()));
        double gap = along - (a.width() + b.width()) / 2;
        return across < 0.3 * h && gap < 0.8 * h;
    }

    /** {@code top} is the upper line of a two-line plate whose lower line is {@code bottom}. */
    static boolean twoLines(RotatedRect top, RotatedRect bottom) {
        if (top.width() > bottom.width() * 0.9 || top.width() < bottom.width() * 0.3
                || top.height() > bottom.height() * 1.1 || top.height() < bottom.height() * 0.35
                || !similarAngle(top, bottom, bottom.height())) {
            return false;
        }
        double dx = top.cx() - bottom.cx();
        double dy = top.cy() - bottom.cy();
        double along = dx * Math.cos(bottom.angle()) + dy * Math.sin(bottom.angle());
        double across = -dx * Math.sin(bottom.angle()) + dy * Math.cos(bottom.angle());
        // above (negative across), touching or nearly, and centred over the lower line
        double gap = -across - (top.height() + bottom.height()) / 2;
        return across < 0 && gap < 0.4 * bottom.height() && Math.abs(along) < bottom.width() * 0.25;
    }

    /** Angles agree; for short pieces (a single character is square) the angle means little. */
    private static boolean similarAngle(RotatedRect a, RotatedRect b, double h) {
        double d = Math.abs(a.angle() - b.angle());
        d = Math.min(d, Math.PI - d);
        boolean squarish = a.aspect() < 1.5 || b.aspect() < 1.5;
        return d < MAX_ANGLE || squarish;
    }

    private static TextRegions.Region join(TextRegions.Region a, TextRegions.Region b, RotatedRect top,
            RotatedRect bottom) {
        double[] xy = new double[16];
        System.arraycopy(a.rect().corners(), 0, xy, 0, 8);
        System.arraycopy(b.rect().corners(), 0, xy, 8, 8);
        double wa = a.rect().width() * a.rect().height();
        double wb = b.rect().width() * b.rect().height();
        return new TextRegions.Region(MinAreaRect.of(xy, 8), (a.score() * wa + b.score() * wb) / (wa + wb), top,
                bottom);
    }
}
