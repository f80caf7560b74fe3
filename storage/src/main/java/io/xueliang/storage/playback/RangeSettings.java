package io.xueliang.storage.playback;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one assembled range. The plan keeps about 10 bytes per sample and 100 per fragment in memory until it is
 * written, so the limits bound its memory; where one is reached the range stops early at a keyframe and says where to
 * resume ({@link RangeStop.Reason#LIMIT_REACHED}).
 *
 * @param maxDuration    media time one plan covers at most
 * @param maxSamples     samples of all tracks one plan holds at most; 2,000,000 is about 20 MiB of tables and
 *                       more than 6 h of 25 fps video with AAC sound
 * @param maxFragments   fragments one plan holds at most, 1 to 65,535 (a {@code sidx} counts its references in 16
 *                       bits); the range stops at the first keyframe past it, or hard at 65,535
 * @param minReportedGap a break in the recording shorter than this between two segments is not reported as a gap
 *                       (segments that follow each other at a rotation meet within a few milliseconds; a camera
 *                       reconnecting takes a second or more)
 * @param audio          which audio track joins the video
 */
public record RangeSettings(Duration maxDuration, long maxSamples, int maxFragments, Duration minReportedGap,
        AudioChoice audio) {
    /** A {@code sidx} holds at most this many references. */
    public static final int SIDX_MAX_REFERENCES = 65_535;

    public RangeSettings {
        Objects.requireNonNull(audio, "audio");
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()
                || maxDuration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("maxDuration must be above 0 and at most 7 days, was " + maxDuration);
        }
        if (maxSamples < 1 || maxSamples > 50_000_000) {
            throw new IllegalArgumentException("maxSamples must be 1 to 50000000, was " + maxSamples);
        }
        if (maxFragments < 1 || maxFragments > SIDX_MAX_REFERENCES) {
            throw new IllegalArgumentException("maxFragments must be 1 to 65535, was " + maxFragments);
        }
        if (minReportedGap == null || minReportedGap.isNegative()) {
            throw new IllegalArgumentException("minReportedGap must not be negative, was " + minReportedGap);
        }
    }

    /** For browser playback: 6 h at most, AAC sound only. */
    public static RangeSettings playback() {
        return new RangeSettings(Duration.ofHours(6), 2_000_000, 60_000, Duration.ofMillis(250),
                AudioChoice.BROWSER_PLAYABLE);
    }

    /** For evidence export: 6 h at most, any sound. */
    public static RangeSettings export() {
        return playback().withAudio(AudioChoice.ALL);
    }

    public RangeSettings withAudio(AudioChoice choice) {
        return new RangeSettings(maxDuration, maxSamples, maxFragments, minReportedGap, choice);
    }

    public RangeSettings withMaxDuration(Duration d) {
        return new RangeSettings(d, maxSamples, maxFragments, minReportedGap, audio);
    }

    public RangeSettings withMaxFragments(int n) {
        return new RangeSettings(maxDuration, maxSamples, n, minReportedGap, audio);
    }
}
