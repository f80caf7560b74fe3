package io.xueliang.reads.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatePatternTest {
    /** typed, partial, plate, matches */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("湘A12345", false, "湘A12345", true),
                Arguments.of("湘a·12345", false, "湘A12345", true),
                Arguments.of("湘A 123-45", false, "湘A12345", true),
                Arguments.of("湘A12345", false, "湘A123456", false),
                Arguments.of("湘F1*", false, "湘F11370", true),
                Arguments.of("湘F1*", false, "湘A11370", false),
                Arguments.of("湘A?2345", false, "湘AB2345", true),
                Arguments.of("湘A?2345", false, "湘A2345", false),
                Arguments.of("*370", false, "湘F11370", true),
                Arguments.of("*370", false, "湘F13700", false),
                Arguments.of("湘*3?0", false, "湘F11370", true),
                Arguments.of("湘A·3?8", true, "湘A3X872", true),
                Arguments.of("A·3?8", true, "湘BA3X87", true),
                Arguments.of("湘A·3?8", true, "湘A53X87", false),
                Arguments.of("A3?8", false, "湘A53X87", false),
                Arguments.of("3?8", true, "湘A12308", true));
    }

    @ParameterizedTest(name = "{0} (partial {1}) vs {2}: {3}")
    @MethodSource("cases")
    void matchesAsAWitnessMeansIt(String typed, boolean partial, String plate, boolean matches) {
        assertThat(PlatePattern.parse(typed, partial).matches(plate)).isEqualTo(matches);
    }

    @Test
    void exactPrefixAndGlob() {
        assertThat(PlatePattern.parse("湘A12345", false).exact()).isTrue();
        assertThat(PlatePattern.parse("湘A12345", true).exact()).isFalse();
        assertThat(PlatePattern.parse("湘F1*", false).prefix()).isEqualTo("湘F1");
        assertThat(PlatePattern.parse("?F1*", false).prefix()).isEmpty();
        assertThat(PlatePattern.parse("F1", true).glob()).isEqualTo("*F1*");
    }

    @Test
    void refusesWhatIsNoPlate() {
        assertThatThrownBy(() -> PlatePattern.parse("", false)).hasMessageContaining("1-20 characters");
        assertThatThrownBy(() -> PlatePattern.parse("***", false)).hasMessageContaining("at least one character");
        assertThatThrownBy(() -> PlatePattern.parse("湘A[12]", false)).hasMessageContaining("only letters");
        assertThatThrownBy(() -> PlatePattern.parse("湘A12345678901234567890", false))
                .hasMessageContaining("1-20 characters");
    }
}
