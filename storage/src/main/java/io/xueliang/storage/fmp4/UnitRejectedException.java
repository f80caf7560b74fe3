package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;

/**
 * An access unit {@link Fmp4SegmentWriter#append} did not take. The segment is untouched and stays open: the
 * recorder decides what follows, usually closing the segment and opening a new one that starts with this unit
 * ({@link Reason#DESCRIPTION_CHANGED}, {@link Reason#TIMESTAMP_JUMP}, {@link Reason#TIMESTAMP_NOT_INCREASING}) or
 * dropping the unit ({@link Reason#SAMPLE_TOO_LARGE}, {@link Reason#NO_SUCH_TRACK}).
 */
public class UnitRejectedException extends RuntimeException {
    /** Why a unit was refused. */
    public enum Reason {
        /** The unit's parameters differ from those the segment was opened with: a new segment is needed. */
        DESCRIPTION_CHANGED,
        /** Audio for a segment opened without audio, or a unit of another camera. */
        NO_SUCH_TRACK,
        /** The segment must start with a video keyframe. */
        FIRST_UNIT_NOT_KEYFRAME,
        /** The unit's pts is not after the previous one of its track. */
        TIMESTAMP_NOT_INCREASING,
        /** The unit's pts is further after the previous one than {@link Fmp4WriterSettings#maxTimestampStep()}. */
        TIMESTAMP_JUMP,
        /** Over {@link Fmp4WriterSettings#maxSampleBytes()}. */
        SAMPLE_TOO_LARGE
    }

    private final Reason reason;
    private final transient AccessUnit unit;

    public UnitRejectedException(Reason reason, AccessUnit unit, String detail) {
        super(reason + ": " + detail + " (" + unit + ")");
        this.reason = reason;
        this.unit = unit;
    }

    public Reason reason() {
        return reason;
    }

    public AccessUnit unit() {
        return unit;
    }
}
