package io.xueliang.ingest.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireTextTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Not Found", "Not Found"),
                Arguments.of("", ""),
                Arguments.of("易俗河卡口东 Ünïcode", "易俗河卡口东 Ünïcode"),
                // a forged second log line
                Arguments.of("OK\r\n2026-01-01 INFO camera 7 playing", "OK\\x0d\\x0a2026-01-01 INFO camera 7 playing"),
                // terminal escape sequences: clear the screen, recolour
                Arguments.of("\u001b[2J\u001b[31mred", "\\x1b[2J\\x1b[31mred"),
                Arguments.of("a\u0000b\tc\u007fd", "a\\x00b\\x09c\\x7fd"),
                // C1 controls (NEL) and Unicode line separators
                Arguments.of("a\u0085b\u2028c\u2029d", "a\\x85b\\u2028c\\u2029d"),
                // bidi override and zero-width characters that make a log line read differently from what it says
                Arguments.of("cam\u202egnp.exe", "cam\\u202egnp.exe"),
                Arguments.of("a\u200bb\ufeff", "a\\u200bb\\ufeff"),
                // an unpaired surrogate, a paired one (kept), a tag character (format, outside the BMP)
                Arguments.of("x\ud800y", "x\\ud800y"),
                Arguments.of("x\udc00y", "x\\udc00y"),
                Arguments.of("😀", "😀"),
                Arguments.of("a\udb40\udc01b", "a\\U000e0001b"),
                // backslashes stay, so that escaping twice changes nothing
                Arguments.of("C:\\path \\x0a", "C:\\path \\x0a"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void escapesWhatCouldForgeOrGarbleALogLine(String wire, String logged) {
        assertThat(WireText.escape(wire)).isEqualTo(logged);
        assertThat(WireText.escape(logged)).as("idempotent").isEqualTo(logged);
    }

    @Test
    void nullStaysNull() {
        assertThat(WireText.escape(null)).isNull();
    }

    @Test
    void noCharacterThatEndsALineSurvives() {
        for (int c = 0; c < 0x10000; c++) {
            String s = WireText.escape("a" + (char) c + "b");
            assertThat(s).as("U+%04X", c).doesNotContain("\n", "\r", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029",
                    "\u001b");
        }
    }
}
