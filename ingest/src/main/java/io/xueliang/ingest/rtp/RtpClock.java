package io.xueliang.ingest.rtp;

import java.time.Instant;

/**
 * Maps one track's RTP timestamps onto a continuous media timeline and onto wall-clock time.
 *
 * <p>The continuous timeline is the tracker's extended timestamp plus an offset that changes only
 * when the source restarts or its SSRC changes: the new stream then continues after the old one by
 * the arrival time that passed, so presentation times stay monotonic for the camera across
 * restarts (readers and the recorder see no backwards step).
 *
 * <p>Wall clock comes from the latest RTCP sender report of the current source when there is one
 * (the camera's capture clock, so audio and video line up); before that, from the arrival instant
 * of the first packet. One instance per track, used from one thread.
 */
public final class RtpClock {
    private static final long NANOS = 1_000_000_000L;

    /** A forward step this much beyond the arrival time that passed is a timestamp jump, in seconds. */
    public static final int MAX_FORWARD_JUMP_SECONDS = 10;
    /** A backward step larger than this is a timestamp jump (B-frame reordering stays well below), in seconds. */
    public static final int MAX_BACKWARD_STEP_SECONDS = 1;

    private final int clockRate;

    private boolean started;
    private long rebases;
    private long offset;
    private long lastContinuous;
    private Instant lastArrival;

    private Instant anchorInstant;
    private long anchorContinuous;
    private boolean anchoredOnSenderReport;

    public RtpClock(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    public int clockRate() {
        return clockRate;
    }

    /**
     * Maps a delivered packet's extended timestamp onto the continuous timeline.
     *
     * @param extendedTimestamp from {@link RtpSequenceTracker#extendedTimestamp()}
     * @param restarted         true when the tracker reset (restart or SSRC change) with this packet;
     *                          a timestamp jump beyond {@value #MAX_FORWARD_JUMP_SECONDS} s ahead of
     *                          arrival time or {@value #MAX_BACKWARD_STEP_SECONDS} s back is handled alike
     * @param arrival           when the packet arrived
     * @return the continuous timestamp in clock-rate units
     */
    public long onPacket(long extendedTimestamp, boolean restarted, Instant arrival) {
        if (!started) {
            started = true;
            offset = 0;
            anchorInstant = arrival;
            anchorContinuous = extendedTimestamp;
        } else {
            long elapsedNanos = Math.max(0, arrival.toEpochMilli() - lastArrival.toEpochMilli()) * 1_000_000L;
            long elapsed = nanosToUnits(elapsedNanos);
            long candidate = extendedTimestamp + offset;
            // Some encoders restart their timestamps without a new SSRC or sequence: treat a jump
            // like a restart, or presentation times would step back or leap ahead by hours.
            boolean jumped = candidate < lastContinuous - (long) MAX_BACKWARD_STEP_SECONDS * clockRate
                    || candidate > lastContinuous + elapsed + (long) MAX_FORWARD_JUMP_SECONDS * clockRate;
            if (restarted || jumped) {
                rebases++;
                offset = lastContinuous + Math.max(1, elapsed) - extendedTimestamp;
                // A sender report belongs to the old timestamps; keep the mapping continuous.
                anchoredOnSenderReport = false;
            }
        }
        long continuous = extendedTimestamp + offset;
        if (continuous > lastContinuous || lastArrival == null) {
            lastContinuous = continuous;
        }
        lastArrival = arrival;
        return continuous;
    }

    /**
     * Anchors wall clock on a sender report of the current source.
     *
     * @param extendedRtpTimestamp the report's RTP timestamp, unwrapped with
     *                             {@link RtpSequenceTracker#extendTimestamp(long)}
     * @param ntpInstant           the report's NTP timestamp as an instant
     */
    public void onSenderReport(long extendedRtpTimestamp, Instant ntpInstant) {
        if (!started) {
            return;
        }
        anchorContinuous = extendedRtpTimestamp + offset;
        anchorInstant = ntpInstant;
        anchoredOnSenderReport = true;
    }

    /** Times the timeline was re-based (restart, SSRC change, timestamp jump). */
    public long rebases() {
        return rebases;
    }

    public boolean anchoredOnSenderReport() {
        return anchoredOnSenderReport;
    }

    /** Wall-clock instant of a continuous timestamp. */
    public Instant wallClock(long continuous) {
        if (anchorInstant == null) {
            throw new IllegalStateException("no packet yet");
        }
        long deltaNanos = unitsToNanos(continuous - anchorContinuous);
        return anchorInstant.plusNanos(deltaNanos);
    }

    /** Converts a clock-rate duration or timestamp to a 90 kHz one (floor). */
    public static long to90k(long units, int clockRate) {
        if (clockRate == 90_000) {
            return units;
        }
        return Math.floorDiv(units, clockRate) * 90_000 + Math.floorMod(units, clockRate) * 90_000L / clockRate;
    }

    private long nanosToUnits(long nanos) {
        return (nanos / NANOS) * clockRate + (nanos % NANOS) * clockRate / NANOS;
    }

    private long unitsToNanos(long units) {
        return Math.floorDiv(units, clockRate) * NANOS + Math.floorMod(units, clockRate) * NANOS / clockRate;
    }
}
