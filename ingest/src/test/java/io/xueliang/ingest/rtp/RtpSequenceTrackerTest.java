package io.xueliang.ingest.rtp;

import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.DUPLICATE;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.FIRST;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.FOREIGN_SSRC;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.GAP;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.IN_ORDER;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.LATE;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.PROBATION;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.RESTARTED;
import static io.xueliang.ingest.rtp.RtpSequenceTracker.Verdict.SSRC_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpSequenceTrackerTest {
    private static final long SSRC = 0xabcdL;
    private static final long MS = 1_000_000L;

    private final RtpSequenceTracker tracker = new RtpSequenceTracker(90_000);

    private RtpSequenceTracker.Verdict packet(int seq, long ts) {
        return tracker.onPacket(SSRC, seq & 0xffff, ts & 0xffffffffL, 0);
    }

    @Test
    void unwrapsSequenceAcross65535To0() {
        assertThat(packet(65534, 0)).isEqualTo(FIRST);
        assertThat(packet(65535, 0)).isEqualTo(IN_ORDER);
        assertThat(packet(0, 0)).isEqualTo(IN_ORDER);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(65536);
        assertThat(packet(1, 0)).isEqualTo(IN_ORDER);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(65537);
        assertThat(tracker.expected()).isEqualTo(4);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void unwrapsTimestampAcross32BitWrap() {
        packet(1, 0xffff_ff00L);
        assertThat(tracker.extendedTimestamp()).isEqualTo(0xffff_ff00L);
        packet(2, 0x0000_0100L);
        assertThat(tracker.extendedTimestamp()).isEqualTo(0x1_0000_0100L);
        packet(3, 0x0000_0200L);
        assertThat(tracker.extendedTimestamp()).isEqualTo(0x1_0000_0200L);
        assertThat(tracker.extendTimestamp(0xffff_fff0L)).as("an SR just before the wrap").isEqualTo(0xffff_fff0L);
    }

    @Test
    void countsLossFromSequenceGaps() {
        packet(10, 0);
        assertThat(packet(11, 0)).isEqualTo(IN_ORDER);
        assertThat(packet(15, 0)).isEqualTo(GAP);
        assertThat(tracker.lastGap()).isEqualTo(3);
        assertThat(packet(16, 0)).isEqualTo(IN_ORDER);
        assertThat(tracker.lostTotal()).isEqualTo(3);
        assertThat(tracker.cumulativeLost()).isEqualTo(3);
        assertThat(tracker.expected()).isEqualTo(7);
        assertThat(tracker.received()).isEqualTo(4);
    }

    @Test
    void lateReorderedPacketIsNotDeliveredButReducesReportedLoss() {
        packet(100, 0);
        packet(102, 0);
        assertThat(packet(101, 0)).isEqualTo(LATE);
        assertThat(LATE.deliver()).isFalse();
        assertThat(tracker.latePackets()).isEqualTo(1);
        assertThat(tracker.cumulativeLost()).isZero();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(102);
    }

    @Test
    void detectsDuplicatesOfNewestAndOfRecentPackets() {
        packet(100, 0);
        packet(101, 0);
        packet(102, 0);
        assertThat(packet(102, 0)).isEqualTo(DUPLICATE);
        assertThat(packet(100, 0)).isEqualTo(DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(2);
        assertThat(tracker.received()).isEqualTo(3);
    }

    @Test
    void lateAcrossTheWrapIsRecognised() {
        packet(65535, 0);
        packet(1, 0);
        assertThat(packet(0, 0)).isEqualTo(LATE);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void bigJumpIsHeldOnProbationThenConfirmedAsRestart() {
        packet(1000, 5000);
        packet(1001, 5000);
        assertThat(packet(30000, 999)).isEqualTo(PROBATION);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(1001);
        assertThat(packet(30001, 1000)).isEqualTo(RESTARTED);
        assertThat(tracker.restarts()).isEqualTo(1);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(30001);
        assertThat(tracker.extendedTimestamp()).isEqualTo(1000);
        assertThat(tracker.cumulativeLost()).isZero();
        assertThat(packet(30002, 1000)).isEqualTo(IN_ORDER);
    }

    @Test
    void singleStrayPacketFarAwayIsDroppedAndStreamContinues() {
        packet(1000, 0);
        assertThat(packet(40000, 0)).isEqualTo(PROBATION);
        assertThat(packet(1001, 0)).isEqualTo(IN_ORDER);
        assertThat(tracker.probationDrops()).isEqualTo(1);
    }

    @Test
    void ssrcChangeResetsStateAndIsReported() {
        packet(500, 123456);
        packet(501, 123456);
        long silence = RtpSequenceTracker.SSRC_TAKEOVER_SILENCE_NANOS;
        assertThat(tracker.onPacket(0x9999L, 7, 42, silence - 1)).as("the settled source spoke just now").isEqualTo(FOREIGN_SSRC);
        assertThat(tracker.onPacket(0x9999L, 7, 42, silence)).isEqualTo(SSRC_CHANGED);
        assertThat(tracker.ssrc()).isEqualTo(0x9999L);
        assertThat(tracker.ssrcChanges()).isEqualTo(1);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(7);
        assertThat(tracker.extendedTimestamp()).isEqualTo(42);
        assertThat(tracker.expected()).isEqualTo(1);
        assertThat(SSRC_CHANGED.discontinuity()).isTrue();
    }

    @Test
    void packetsOfAnotherSsrcInterleavedWithTheLiveSourceAreDroppedAndCounted() {
        // An injector sends its own SSRC between the camera's packets: it must never reset the track.
        for (int i = 0; i < 100; i++) {
            assertThat(tracker.onPacket(SSRC, 1000 + i, i * 3600L, i * 40 * MS)).isEqualTo(i == 0 ? FIRST : IN_ORDER);
            assertThat(tracker.onPacket(0x6666L, 50 + i, 999L, i * 40 * MS + 20 * MS)).isEqualTo(FOREIGN_SSRC);
        }
        assertThat(tracker.ssrc()).isEqualTo(SSRC);
        assertThat(tracker.ssrcChanges()).isZero();
        assertThat(tracker.foreignSsrcDrops()).isEqualTo(100);
        assertThat(tracker.cumulativeLost()).isZero();
        assertThat(FOREIGN_SSRC.deliver()).isFalse();
    }

    @Test
    void settlesOnTheAnnouncedSsrcNotOnWhateverComesFirst() {
        tracker.expectSsrc(SSRC);
        assertThat(tracker.onPacket(0x6666L, 1, 0, 0)).isEqualTo(FOREIGN_SSRC);
        assertThat(tracker.started()).isFalse();
        assertThat(tracker.onPacket(SSRC, 10, 0, 10 * MS)).isEqualTo(FIRST);
        assertThat(tracker.onPacket(0x6666L, 2, 0, 20 * MS)).isEqualTo(FOREIGN_SSRC);
        assertThat(tracker.ssrc()).isEqualTo(SSRC);
    }

    @Test
    void aCameraThatAnnouncesOneSsrcAndSendsAnotherPlaysAfterTheTakeoverSilence() {
        tracker.expectSsrc(SSRC);
        long silence = RtpSequenceTracker.SSRC_TAKEOVER_SILENCE_NANOS;
        assertThat(tracker.onPacket(0x7777L, 1, 0, 0)).isEqualTo(FOREIGN_SSRC);
        assertThat(tracker.onPacket(0x7777L, 2, 0, silence - 1)).isEqualTo(FOREIGN_SSRC);
        assertThat(tracker.onPacket(0x7777L, 3, 0, silence)).isEqualTo(FIRST);
        assertThat(tracker.ssrc()).isEqualTo(0x7777L);
        assertThat(tracker.onPacket(0x7777L, 4, 0, silence + MS)).isEqualTo(IN_ORDER);
    }

    @Test
    void jitterIsZeroForPerfectlyPacedPacketsAndGrowsWithVariation() {
        for (int i = 0; i < 50; i++) {
            tracker.onPacket(SSRC, i, i * 3600L, i * 40 * MS);
        }
        assertThat(tracker.jitter()).isZero();
        RtpSequenceTracker shaky = new RtpSequenceTracker(90_000);
        for (int i = 0; i < 50; i++) {
            long arrival = i * 40 * MS + (i % 2 == 0 ? 0 : 10 * MS);
            shaky.onPacket(SSRC, i, i * 3600L, arrival);
        }
        // |D| alternates around 900 units (10 ms at 90 kHz); J converges towards it.
        assertThat(shaky.jitter()).isBetween(700L, 900L);
    }

    @Test
    void fractionLostCoversTheIntervalSinceTheLastReport() {
        for (int i = 0; i < 100; i++) {
            if (i % 4 != 3) {
                packet(i, 0);
            }
        }
        // 99 expected (0..98 as the highest is 98), 75 received.
        int fraction = tracker.takeFractionLost();
        assertThat(fraction).isEqualTo((int) ((24L << 8) / 99));
        for (int i = 100; i < 200; i++) {
            packet(i, 0);
        }
        // Then seq 99 is missing: 101 expected, 100 received.
        assertThat(tracker.takeFractionLost()).isEqualTo((int) ((1L << 8) / 101));
        assertThat(tracker.takeFractionLost()).as("empty interval").isZero();
    }
}
