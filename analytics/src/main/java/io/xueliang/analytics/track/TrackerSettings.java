package io.xueliang.analytics.track;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link PlateTracker}. The defaults suit plates sampled at 5 frames per second.
 *
 * @param matchIou              a track and an observation are the same plate when the track's predicted box and the
 *                              observed one overlap at least this much (intersection over union); low because at
 *                              5 fps a near plate moves by more than its own height between samples
 * @param textMatchRadius       when the boxes do not overlap enough, an observation still joins a track whose last
 *                              read has (almost) the same text and whose predicted centre is within this many plate
 *                              widths
 * @param textMatchMaxEdits     "almost the same text": at most this many characters inserted, removed or changed;
 *                              2 by default because a young track's one read and the next may each have a
 *                              different character wrong (with 1, generated traffic with 20 % misreads split tracks)
 * @param maxAge                a track not seen for longer than this has ended (the vehicle has passed)
 * @param maxMissedUpdates      a track missing from more than this many successive updates has ended, whatever the
 *                              time (for sparse sampling such as keyframes only, raise {@code maxAge} instead)
 * @param minHits               a track with fewer observations than this is dropped unless its read is sure
 * @param loneReadConfidence    ... sure: consolidated confidence at least this
 * @param maxReadsPerTrack      reads kept per track for the vote (the most confident ones); bounds the memory of a
 *                              vehicle standing in view for minutes
 * @param maxTracks             open tracks per camera; observations beyond are ignored (and counted), bounding the
 *                              work and memory a detector run wild can cause
 * @param triggerLine           the virtual loop: a horizontal line at this fraction of the frame height, 0 at the
 *                              top; the pass's time is when the plate's centre crossed it
 */
public record TrackerSettings(double matchIou, double textMatchRadius, int textMatchMaxEdits, Duration maxAge,
                              int maxMissedUpdates, int minHits, double loneReadConfidence, int maxReadsPerTrack,
                              int maxTracks, double triggerLine) {

    public static final TrackerSettings DEFAULTS =
            new TrackerSettings(0.2, 4, 2, Duration.ofSeconds(1), 10, 2, 0.9, 64, 64, 0.6);

    public TrackerSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        if (!(matchIou > 0 && matchIou <= 1)) {
            throw new IllegalArgumentException("matchIou " + matchIou + " outside (0, 1]");
        }
        if (!(textMatchRadius >= 0 && textMatchRadius <= 100)) {
            throw new IllegalArgumentException("textMatchRadius " + textMatchRadius + " outside [0, 100]");
        }
        if (textMatchMaxEdits < 0 || textMatchMaxEdits > 3) {
            throw new IllegalArgumentException("textMatchMaxEdits " + textMatchMaxEdits + " outside [0, 3]");
        }
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("maxAge " + maxAge + " outside (0, 1 min]");
        }
        if (maxMissedUpdates < 0 || maxMissedUpdates > 1000) {
            throw new IllegalArgumentException("maxMissedUpdates " + maxMissedUpdates + " outside [0, 1000]");
        }
        if (minHits < 1 || minHits > 100) {
            throw new IllegalArgumentException("minHits " + minHits + " outside [1, 100]");
        }
        if (!(loneReadConfidence >= 0 && loneReadConfidence <= 1)) {
            throw new IllegalArgumentException("loneReadConfidence " + loneReadConfidence + " outside [0, 1]");
        }
        if (maxReadsPerTrack < 1 || maxReadsPerTrack > 1024) {
            throw new IllegalArgumentException("maxReadsPerTrack " + maxReadsPerTrack + " outside [1, 1024]");
        }
        if (maxTracks < 1 || maxTracks > 1024) {
            throw new IllegalArgumentException("maxTracks " + maxTracks + " outside [1, 1024]");
        }
        if (!(triggerLine > 0 && triggerLine < 1)) {
            throw new IllegalArgumentException("triggerLine " + triggerLine + " outside (0, 1)");
        }
    }

    /** These settings with another trigger line (per-camera override). */
    public TrackerSettings withTriggerLine(double fraction) {
        return new TrackerSettings(matchIou, textMatchRadius, textMatchMaxEdits, maxAge, maxMissedUpdates, minHits,
                loneReadConfidence, maxReadsPerTrack, maxTracks, fraction);
    }
}
