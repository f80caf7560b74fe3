package io.xueliang.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpClockTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of(90_000L, 90_000, 90_000L),
                Arguments.of(8_000L, 8_000, 90_000L),
                Arguments.of(160L, 8_000, 1_800L),
                Arguments.of(1024L, 48_000, 1_920L),
                Arguments.of(1L, 44_100, 2L),
                Arguments.of(0x1_0000_0000L, 8_000, 0x1_0000_0000L * 45 / 4),
                Arguments.of(-160L, 8_000, -1_800L));
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void convertsClockRateUnitsTo90kHz(long units, int rate, long expected) {
        assertThat(RtpClock.to90k(units, rate)).isEqualTo(expected);
    }

    @Test
    void anchorsOnFirstArrivalUntilASenderReportArrives() {
        RtpClock clock = new RtpClock(90_000);
        long c0 = clock.onPacket(1_000_000, false, T0);
        assertThat(c0).isEqualTo(1_000_000);
        assertThat(clock.wallClock(c0)).isEqualTo(T0);
        long c1 = clock.onPacket(1_090_000, false, T0.plusMillis(1200));
        assertThat(clock.wallClock(c1)).as("media time, not arrival").isEqualTo(T0.plusSeconds(1));
        Instant cameraTime = Instant.parse("2026-11-22T07:59:58Z");
        clock.onSenderReport(1_045_000, cameraTime);
        assertThat(clock.anchoredOnSenderReport()).isTrue();
        assertThat(clock.wallClock(c1)).isEqualTo(cameraTime.plusMillis(500));
    }

    @Test
    void restartContinuesTheTimelineByTheArrivalTimeThatPassed() {
        RtpClock clock = new RtpClock(90_000);
        clock.onPacket(4_000_000_000L, false, T0);
        long before = clock.onPacket(4_000_090_000L, false, T0.plusSeconds(1));
        clock.onSenderReport(4_000_000_000L, T0);
        long after = clock.onPacket(12_345, true, T0.plusSeconds(3));
        assertThat(after).isEqualTo(before + 2 * 90_000);
        assertThat(clock.anchoredOnSenderReport()).isFalse();
        assertThat(clock.onPacket(12_345 + 3600, false, T0.plusSeconds(3))).isEqualTo(after + 3600);
    }

    @Test
    void restartWithNoTimePassingStillMovesForward() {
        RtpClock clock = new RtpClock(8_000);
        long before = clock.onPacket(500, false, T0);
        assertThat(clock.onPacket(0, true, T0)).isGreaterThan(before);
    }

    @Test
    void timestampJumpWithoutRestartIsRebasedOntoArrivalTime() {
        RtpClock clock = new RtpClock(90_000);
        clock.onPacket(1_000_000, false, T0);
        long before = clock.onPacket(1_003_600, false, T0.plusMillis(40));
        long back = clock.onPacket(5, false, T0.plusMillis(80)); // encoder restarted its timestamps
        assertThat(back).isEqualTo(before + 3600);
        long ahead = clock.onPacket(5 + 3600 + 90_000L * 3600, false, T0.plusMillis(120)); // an hour ahead
        assertThat(ahead).isEqualTo(back + 3600);
        assertThat(clock.rebases()).isEqualTo(2);
        // Ordinary steps, a network stall and B-frame-like reordering do not re-base.
        clock.onPacket(5 + 7200 + 90_000L * 3600, false, T0.plusMillis(160));
        clock.onPacket(5 + 7200 + 90_000L * 3610, false, T0.plusSeconds(10));
        clock.onPacket(5 + 90_000L * 3610, false, T0.plusSeconds(10));
        assertThat(clock.rebases()).isEqualTo(2);
    }
}
