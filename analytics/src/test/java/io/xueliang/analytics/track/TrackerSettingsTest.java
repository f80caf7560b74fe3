package io.xueliang.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every validation message of the tracker settings, one row each. */
class TrackerSettingsTest {

    private static final Duration S = Duration.ofSeconds(1);

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("matchIou 0.0 outside (0, 1]", () -> new TrackerSettings(0, 4, 1, S, 10, 2, 0.9, 64, 64, 0.6)),
                row("matchIou NaN outside (0, 1]",
                        () -> new TrackerSettings(Double.NaN, 4, 1, S, 10, 2, 0.9, 64, 64, 0.6)),
                row("textMatchRadius -1.0 outside [0, 100]",
                        () -> new TrackerSettings(0.2, -1, 1, S, 10, 2, 0.9, 64, 64, 0.6)),
                row("textMatchMaxEdits 4 outside [0, 3]",
                        () -> new TrackerSettings(0.2, 4, 4, S, 10, 2, 0.9, 64, 64, 0.6)),
                row("maxAge PT0S outside (0, 1 min]",
                        () -> new TrackerSettings(0.2, 4, 1, Duration.ZERO, 10, 2, 0.9, 64, 64, 0.6)),
                row("maxAge PT2M outside (0, 1 min]",
                        () -> new TrackerSettings(0.2, 4, 1, Duration.ofMinutes(2), 10, 2, 0.9, 64, 64, 0.6)),
                row("maxMissedUpdates -1 outside [0, 1000]",
                        () -> new TrackerSettings(0.2, 4, 1, S, -1, 2, 0.9, 64, 64, 0.6)),
                row("minHits 0 outside [1, 100]", () -> new TrackerSettings(0.2, 4, 1, S, 10, 0, 0.9, 64, 64, 0.6)),
                row("loneReadConfidence 1.5 outside [0, 1]",
                        () -> new TrackerSettings(0.2, 4, 1, S, 10, 2, 1.5, 64, 64, 0.6)),
                row("maxReadsPerTrack 0 outside [1, 1024]",
                        () -> new TrackerSettings(0.2, 4, 1, S, 10, 2, 0.9, 0, 64, 0.6)),
                row("maxTracks 5000 outside [1, 1024]",
                        () -> new TrackerSettings(0.2, 4, 1, S, 10, 2, 0.9, 64, 5000, 0.6)),
                row("triggerLine 1.0 outside (0, 1)", () -> TrackerSettings.DEFAULTS.withTriggerLine(1)),
                row("triggerLine 0.0 outside (0, 1)", () -> TrackerSettings.DEFAULTS.withTriggerLine(0)));
    }

    private static Arguments row(String message, Supplier<TrackerSettings> settings) {
        return Arguments.of(message, settings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithTheReason(String message, Supplier<TrackerSettings> settings) {
        assertThatThrownBy(settings::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void triggerLineOverrideKeepsTheRest() {
        TrackerSettings settings = TrackerSettings.DEFAULTS.withTriggerLine(0.4);

        assertThat(settings.triggerLine()).isEqualTo(0.4);
        assertThat(settings.withTriggerLine(TrackerSettings.DEFAULTS.triggerLine())).isEqualTo(TrackerSettings.DEFAULTS);
    }
}
