package io.xueliang.analytics.motion;

import java.util.Objects;

/**
 * How the {@link MotionGate} decides that something moves.
 *
 * @param region where to look; the rest of the picture (sky, the burnt-in clock, swaying trees) is ignored
 * @param analysisWidth the width the luma is averaged down to (16..640); 160 pixels keep a car at 20 m several
 *     pixels wide and cost well under a millisecond
 * @param pixelThreshold luma difference (1..255) from the background above which a pixel counts as changed; above
 *     sensor noise and compression ringing
 * @param minChangedShare share of the region's pixels (0..1] that must change for motion
 * @param backgroundRate how much of each new picture goes into the background (0..1]: 0.05 at 5 pictures a second
 *     forgets a parked car in about 4 s
 */
public record MotionSettings(RegionOfInterest region, int analysisWidth, int pixelThreshold, double minChangedShare,
        double backgroundRate) {
    public MotionSettings {
        Objects.requireNonNull(region, "region");
        if (analysisWidth < 16 || analysisWidth > 640) {
            throw new IllegalArgumentException("analysisWidth must be 16..640, was " + analysisWidth);
        }
        if (pixelThreshold < 1 || pixelThreshold > 255) {
            throw new IllegalArgumentException("pixelThreshold must be 1..255, was " + pixelThreshold);
        }
        if (!(minChangedShare > 0 && minChangedShare <= 1)) {
            throw new IllegalArgumentException("minChangedShare must be above 0 and at most 1, was " + minChangedShare);
        }
        if (!(backgroundRate > 0 && backgroundRate <= 1)) {
            throw new IllegalArgumentException("backgroundRate must be above 0 and at most 1, was " + backgroundRate);
        }
    }

    /** The whole picture at 160 pixels wide, 25 levels, 0.5 % of the pixels, background rate 0.05. */
    public static MotionSettings defaults() {
        return new MotionSettings(RegionOfInterest.WHOLE, 160, 25, 0.005, 0.05);
    }

    public MotionSettings withRegion(RegionOfInterest r) {
        return new MotionSettings(r, analysisWidth, pixelThreshold, minChangedShare, backgroundRate);
    }
}
