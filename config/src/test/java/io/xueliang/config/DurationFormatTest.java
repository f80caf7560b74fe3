package io.xueliang.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("0s", Duration.ZERO),
                Arguments.of("1ms", Duration.ofMillis(1)),
                Arguments.of("1500ms", Duration.ofMillis(1500)),
                Arguments.of("10s", Duration.ofSeconds(10)),
                Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("25h", Duration.ofHours(25)));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void parsesAndFormatsTheShortestForm(String text, Duration duration) {
        assertThat(DurationFormat.parse(text)).contains(duration);
        assertThat(DurationFormat.format(duration)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"60000ms", "60s"})
    void formatPicksTheLargestExactUnit(String text) {
        assertThat(DurationFormat.format(DurationFormat.parse(text).orElseThrow())).isEqualTo("1m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1.5s", "-1s", "10 s", "10S", "1d", "1m30s", "9999999999999s"})
    void rejectsAnythingButANumberAndOneUnit(String text) {
        assertThat(DurationFormat.parse(text)).isEmpty();
    }
}
