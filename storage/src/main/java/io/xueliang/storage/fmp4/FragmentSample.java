package io.xueliang.storage.fmp4;

/**
 * One sample of a track fragment as {@code trun} describes it.
 *
 * @param size     bytes in {@code mdat}
 * @param duration in the track's timescale
 * @param sync     a sync sample (a keyframe; every audio frame)
 */
public record FragmentSample(int size, int duration, boolean sync) {
    public FragmentSample {
        if (size < 0 || duration < 0) {
            throw new IllegalArgumentException("sample size " + size + " and duration " + duration
                    + " must not be negative");
        }
    }
}
