package io.xueliang.analytics.decode;

import java.util.Objects;

/**
 * How many pictures of a plate camera analytics looks at.
 *
 * @param mode decode every unit, or keyframes only
 * @param framesPerSecond the most pictures a second handed on, (0, 60]
 */
public record SamplingSettings(SamplingMode mode, double framesPerSecond) {
    /** DESIGN.md §8: 5 pictures a second catch a car crossing the frame in a second several times. */
    public static final double DEFAULT_FRAMES_PER_SECOND = 5;
    public static final double MAX_FRAMES_PER_SECOND = 60;

    public SamplingSettings {
        Objects.requireNonNull(mode, "mode");
        if (!(framesPerSecond > 0 && framesPerSecond <= MAX_FRAMES_PER_SECOND)) {
            throw new IllegalArgumentException("framesPerSecond must be above 0 and at most " + MAX_FRAMES_PER_SECOND
                    + ", was " + framesPerSecond);
        }
    }

    /** Rate mode at 5 pictures a second. */
    public static SamplingSettings defaults() {
        return new SamplingSettings(SamplingMode.RATE, DEFAULT_FRAMES_PER_SECOND);
    }
}
