package io.xueliang.ingest.rtp;

/**
 * Per-source reception state of one RTP stream (RFC 3550 §6.4.1 and Appendix A.1, A.3, A.8):
 * extended (unwrapped) sequence numbers and timestamps, losses from sequence gaps, duplicates,
 * late packets, SSRC changes, interarrival jitter and the counts a receiver report carries.
 *
 * <p>Each packet gets a {@link Verdict}; only packets whose verdict {@link Verdict#deliver()}s go on
 * to the depacketiser, and a verdict that {@link Verdict#discontinuity() breaks continuity} tells
 * it that packets are missing before this one. Allocation-free per packet: one instance per track,
 * used from one thread (the camera's event loop).
 *
 * <p>Large jumps follow RFC 3550 A.1: a packet more than {@value #MAX_DROPOUT} ahead or more than
 * {@value #MAX_MISORDER} behind is held as a probation candidate and dropped; if the next packet
 * follows it, the source is taken to have restarted ({@link Verdict#RESTARTED}).
 *
 * <p>The track settles on one SSRC: the one the SETUP answer announced ({@link #expectSsrc}), else
 * the first seen. Packets of any other SSRC are dropped as {@link Verdict#FOREIGN_SSRC} while that
 * source is alive: a packet injected into the track, or a second sender, cannot reset it. Another
 * SSRC takes the track over ({@link Verdict#SSRC_CHANGED}) only once the settled source has been
 * silent for {@link #SSRC_TAKEOVER_SILENCE_NANOS} (an encoder restart, a camera that announced one
 * SSRC and sends another).
 */
public final class RtpSequenceTracker {
    /** Largest forward gap still taken as loss rather than a restart (RFC 3550 A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward step still taken as reordering rather than a restart (RFC 3550 A.1). */
    public static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    /**
     * How long the settled SSRC must have been silent before another may take the track: longer than
     * the gap between two frames of a 1 fps camera, short against the no-data watchdog (10 s).
     */
    public static final long SSRC_TAKEOVER_SILENCE_NANOS = 2_000_000_000L;

    /** What one packet meant for the stream. */
    public enum Verdict {
        /** First packet seen. */
        FIRST(true, true),
        /** The next packet in order. */
        IN_ORDER(true, false),
        /** Newer than the last, with {@link #lastGap()} packets missing before it. */
        GAP(true, true),
        /** Older than the highest seen and not seen before: arrived too late to use. */
        LATE(false, false),
        /** Seen already. */
        DUPLICATE(false, false),
        /** A jump too large to be loss; dropped unless the next packet follows it. */
        PROBATION(false, false),
        /** The sender restarted its sequence (confirmed jump); state was reset. */
        RESTARTED(true, true),
        /** A different SSRC took over the track (camera reboot, encoder restart); state was reset. */
        SSRC_CHANGED(true, true),
        /** Another SSRC than the one the track settled on, which is still sending: dropped. */
        FOREIGN_SSRC(false, false);

        private final boolean deliver;
        private final boolean discontinuity;

        Verdict(boolean deliver, boolean discontinuity) {
            this.deliver = deliver;
            this.discontinuity = discontinuity;
        }

        /** True when the packet should go to the depacketiser. */
        public boolean deliver() {
            return deliver;
        }

        /** True when what came before may be missing: the depacketiser hears onLoss() first. */
        public boolean discontinuity() {
            return discontinuity;
        }
    }

    private final int clockRate;

    private boolean started;
    private long ssrc;
    /** The SSRC announced before the first packet, or -1. */
    private long expectedSsrc = -1;
    /** When the settled source was last heard (the first packet of any source while an announced one is awaited). */
    private long settledHeardNanos;
    private boolean settledHeard;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = -1;
    private long recentMask;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long extendedTimestamp;
    private long lastExtendedSequence;
    private int lastGap;

    private boolean jitterStarted;
    private long firstArrivalNanos;
    private int lastTransit;
    /** Interarrival jitter times 16, as RFC 3550 A.8 keeps it to avoid floating point. */
    private long jitter16;

    private long lost;
    private long duplicates;
    private long late;
    private long restarts;
    private long ssrcChanges;
    private long probationDrops;
    private long foreignSsrcDrops;

    /** @param clockRate the payload's RTP clock rate, for jitter in timestamp units */
    public RtpSequenceTracker(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Accounts for one packet.
     *
     * @param arrivalNanos arrival time in nanoseconds on any steady scale (for jitter only)
     */
    public Verdict onPacket(RtpPacket packet, long arrivalNanos) {
        return onPacket(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), arrivalNanos);
    }

    /**
     * The SSRC the camera announced (the {@code ssrc=} of its SETUP answer), before the first packet:
     * the track settles on it rather than on whatever arrives first.
     */
    public void expectSsrc(long announced) {
        if (!started) {
            expectedSsrc = announced & 0xffff_ffffL;
        }
    }

    /** As {@link #onPacket(RtpPacket, long)} from the header fields. */
    public Verdict onPacket(long packetSsrc, int seq, long timestamp, long arrivalNanos) {
        lastGap = 0;
        if (!started) {
            if (expectedSsrc >= 0 && packetSsrc != expectedSsrc && !settledSilent(arrivalNanos)) {
                foreignSsrcDrops++;
                return Verdict.FOREIGN_SSRC;
            }
            reset(packetSsrc, seq, timestamp, arrivalNanos);
            return Verdict.FIRST;
        }
        if (packetSsrc != ssrc) {
            if (!settledSilent(arrivalNanos)) {
                foreignSsrcDrops++;
                return Verdict.FOREIGN_SSRC;
            }
            ssrcChanges++;
            reset(packetSsrc, seq, timestamp, arrivalNanos);
            return Verdict.SSRC_CHANGED;
        }
        settledHeardNanos = arrivalNanos;
        int delta = (seq - maxSeq) & 0xffff;
        if (delta == 0) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            badSeq = -1;
            recentMask = delta >= 64 ? 1 : (recentMask << delta) | 1;
            received++;
            lastGap = delta - 1;
            lost += lastGap;
            lastExtendedSequence = cycles + seq;
            advanceTimestamp(timestamp);
            updateJitter(timestamp, arrivalNanos);
            return lastGap == 0 ? Verdict.IN_ORDER : Verdict.GAP;
        }
        if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restarts++;
                long keepSsrc = ssrc;
                reset(keepSsrc, seq, timestamp, arrivalNanos);
                return Verdict.RESTARTED;
            }
            badSeq = (seq + 1) & 0xffff;
            probationDrops++;
            return Verdict.PROBATION;
        }
        int back = SEQ_MOD - delta;
        if (back < 64) {
            long bitMask = 1L << back;
            if ((recentMask & bitMask) != 0) {
                duplicates++;
                return Verdict.DUPLICATE;
            }
            recentMask |= bitMask;
        }
        received++;
        late++;
        return Verdict.LATE;
    }

    /** True when the settled (or awaited) source has not been heard for the takeover silence. */
    private boolean settledSilent(long arrivalNanos) {
        if (!settledHeard) {
            settledHeard = true; // waiting for an announced SSRC: the clock starts with the first packet
            settledHeardNanos = arrivalNanos;
        }
        return arrivalNanos - settledHeardNanos >= SSRC_TAKEOVER_SILENCE_NANOS;
    }

    private void reset(long newSsrc, int seq, long timestamp, long arrivalNanos) {
        started = true;
        ssrc = newSsrc;
        settledHeard = true;
        settledHeardNanos = arrivalNanos;
        maxSeq = seq;
        cycles = 0;
        baseSeq = seq;
        badSeq = -1;
        recentMask = 1;
        received = 1;
        expectedPrior = 0;
        receivedPrior = 0;
        extendedTimestamp = timestamp;
        lastExtendedSequence = seq;
        jitterStarted = false;
        jitter16 = 0;
        updateJitter(timestamp, arrivalNanos);
    }

    private void advanceTimestamp(long timestamp) {
        // Signed 32-bit distance from the last value: a wrap of the 32-bit field moves forward.
        int d = (int) (timestamp - extendedTimestamp);
        extendedTimestamp += d;
    }

    private void updateJitter(long timestamp, long arrivalNanos) {
        if (!jitterStarted) {
            firstArrivalNanos = arrivalNanos;
        }
        long rel = arrivalNanos - firstArrivalNanos;
        long arrivalUnits = (rel / 1_000_000_000L) * clockRate + (rel % 1_000_000_000L) * clockRate / 1_000_000_000L;
        int transit = (int) (arrivalUnits - timestamp);
        if (jitterStarted) {
            int d = Math.abs(transit - lastTransit);
            jitter16 += d - ((jitter16 + 8) >> 4);
        }
        jitterStarted = true;
        lastTransit = transit;
    }

    /** True once a packet has been seen. */
    public boolean started() {
        return started;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Extended highest sequence number received: cycles in the high bits, last sequence below. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Extended sequence number of the last delivered packet. */
    public long lastExtendedSequence() {
        return lastExtendedSequence;
    }

    /**
     * Unwrapped timestamp of the last delivered packet, in clock-rate units; starts at the first
     * packet's 32-bit value and restarts on {@link Verdict#RESTARTED} or {@link Verdict#SSRC_CHANGED}.
     */
    public long extendedTimestamp() {
        return extendedTimestamp;
    }

    /** Unwraps a 32-bit timestamp (e.g. from a sender report) next to the last delivered one. */
    public long extendTimestamp(long timestamp32) {
        return extendedTimestamp + (int) (timestamp32 - extendedTimestamp);
    }

    /** Packets missing just before the last {@link Verdict#GAP}. */
    public int lastGap() {
        return lastGap;
    }

    /** Interarrival jitter in timestamp units (RFC 3550 §6.4.1). */
    public long jitter() {
        return jitter16 >> 4;
    }

    /** Packets received since the last reset, late ones included (RFC 3550 A.3 "received"). */
    public long received() {
        return received;
    }

    /** Packets expected since the last reset (RFC 3550 A.3). */
    public long expected() {
        return extendedHighestSequence() - baseSeq + 1;
    }

    /** Cumulative lost as a receiver report states it: expected minus received, may be negative. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * Fraction lost since the previous call, as the 8-bit fixed point value of a report block
     * (RFC 3550 A.3); advances the interval, so call it once per report sent.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /** Packets missing in sequence gaps over the tracker's life (late arrivals not deducted). */
    public long lostTotal() {
        return lost;
    }

    public long duplicates() {
        return duplicates;
    }

    public long latePackets() {
        return late;
    }

    public long restarts() {
        return restarts;
    }

    public long ssrcChanges() {
        return ssrcChanges;
    }

    /** Packets dropped because they carried another SSRC than the live one the track settled on. */
    public long foreignSsrcDrops() {
        return foreignSsrcDrops;
    }

    /** Packets dropped as unconfirmed large jumps. */
    public long probationDrops() {
        return probationDrops;
    }
}
