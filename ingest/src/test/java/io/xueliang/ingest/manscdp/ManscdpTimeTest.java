package io.xueliang.ingest.manscdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GB local times, read leniently in a given zone. */
class ManscdpTimeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-07T20:15:30       | 2026-12-07T12:15:30Z",
            "2026-12-07 20:15:30       | 2026-12-07T12:15:30Z",
            "2026-12-07T20:15:30.123   | 2026-12-07T12:15:30.123Z",
            "2026-12-07T20:15:30.5     | 2026-12-07T12:15:30.500Z",
            "' 2026-12-07T20:15:30 '   | 2026-12-07T12:15:30Z",
            "2026-12-07T20:15:30Z      | 2026-12-07T20:15:30Z",
            "2026-12-07T20:15:30+08:00 | 2026-12-07T12:15:30Z"})
    void readsDeviceTimes(String text, String expected) {
        assertThat(ManscdpTime.parse(text, SHANGHAI)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "yesterday", "2026-13-07T20:15:30", "2026-12-07", "20261207201530", "2026-12-07T25:00:00"})
    void refusesWhatIsNotATime(String text) {
        assertThatThrownBy(() -> ManscdpTime.parse(text, SHANGHAI)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12-07T12:15:30Z"})
    void writesLocalTimeToTheSecond(String instant) {
        assertThat(ManscdpTime.format(Instant.parse(instant).plusMillis(999), SHANGHAI)).isEqualTo("2026-12-07T20:15:30");
    }
}
