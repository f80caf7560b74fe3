package io.xueliang.analytics.plate.ocr;

/**
 * Thresholds of {@link DbNetPlateDetector}: PaddleOCR's DB post-processing parameters, then the plate
 * filters that turn text lines into plate candidates.
 *
 * @param limitSide the longer side of the network input in pixels (PaddleOCR's {@code det_limit_side_len}
 *     with {@code limit_type: max}); larger frames are scaled down, sides are rounded to multiples of 32.
 *     Bounded by 2048 so one frame cannot make a tensor of gigabytes
 * @param binaryThreshold probability above which a map pixel is text ({@code thresh})
 * @param boxThreshold least mean probability inside a region's rectangle ({@code box_thresh})
 * @param unclipRatio how far the shrunk text kernel is grown back: area times ratio over perimeter
 *     ({@code unclip_ratio})
 * @param growAlong the text line is grown by this share of its height at both ends to reach the plate's
 *     edges (the characters span 409 of the plate's 440 mm)
 * @param growAcross the text line is grown by this share of its height above and below (the grown-back
 *     DB line is already about as tall as the plate's blue field)
 * @param minHeight least plate height in frame pixels; smaller plates cannot be read
 * @param minAspect least width over height of a plate (two-line plates are 2:1)
 * @param maxAspect greatest width over height of a plate (one-line plates are 3.1:1, new-energy 3.4:1)
 * @param minBackground least share of a crop's pixels that must have one plate background colour
 *     (blue, yellow, green, white, black)
 * @param maxCandidates most candidates returned per frame, best first
 */
public record DetectionSettings(int limitSide, double binaryThreshold, double boxThreshold, double unclipRatio,
        double growAlong, double growAcross, double minHeight, double minAspect, double maxAspect, double minBackground,
        int maxCandidates) {
    public static final int MAX_LIMIT_SIDE = 2048;

    public DetectionSettings {
        if (limitSide < 32 || limitSide > MAX_LIMIT_SIDE) {
            throw new IllegalArgumentException("limitSide " + limitSide + " is outside 32.." + MAX_LIMIT_SIDE);
        }
        if (!(binaryThreshold > 0 && binaryThreshold < 1) || !(boxThreshold >= 0 && boxThreshold < 1)) {
            throw new IllegalArgumentException("thresholds " + binaryThreshold + ", " + boxThreshold
                    + " must lie in 0..1");
        }
        if (!(unclipRatio > 0 && unclipRatio <= 4) || !(growAlong >= -0.5 && growAlong <= 1)
                || !(growAcross >= -0.5 && growAcross <= 1)) {
            throw new IllegalArgumentException("unclipRatio " + unclipRatio + " or growth " + growAlong + ", "
                    + growAcross + " out of range");
        }
        if (!(minHeight >= 1) || !(minAspect >= 1) || !(maxAspect > minAspect) || !(minBackground >= 0
                && minBackground <= 1)) {
            throw new IllegalArgumentException("plate filter " + minHeight + " px, aspect " + minAspect + ".."
                    + maxAspect + ", background " + minBackground + " is not usable");
        }
        if (maxCandidates < 1 || maxCandidates > 256) {
            throw new IllegalArgumentException("maxCandidates " + maxCandidates + " is outside 1..256");
        }
    }

    /**
     * Tuned on 130 street and checkpoint photographs with 148 Chinese plates (EasyPR's general_test, not
     * in the project), read end to end: recall 1.00 at IoU 0.3 and 92.6 % of plates read exactly. A limit of
     * 1280 rather than PaddleOCR's 960 keeps 100-pixel plates in 1600- and 1920-wide frames findable (3 more
     * plates); an aspect up to 6 admits a plate whose line runs to its frame; a background share of only 0.15
     * admits washed-out plates that look grey or pink (the false candidates it lets in are burnt-in captions,
     * badges and sign lettering, which the grammar rejects).
     */
    public static DetectionSettings defaults() {
        return new DetectionSettings(1280, 0.3, 0.6, 1.5, 0.2, 0.0, 10, 1.6, 6.0, 0.15, 16);
    }

    public DetectionSettings withLimitSide(int side) {
        return new DetectionSettings(side, binaryThreshold, boxThreshold, unclipRatio, growAlong, growAcross,
                minHeight, minAspect, maxAspect, minBackground, maxCandidates);
    }
}
