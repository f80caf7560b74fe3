package io.xueliang.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.Box;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectionTest {

    static Stream<Arguments> motions() {
        Box start = new Box(300, 100, 60, 19);
        return Stream.of(
                Arguments.of("down and growing", start, new Box(290, 250, 90, 28), Direction.APPROACHING),
                Arguments.of("up and shrinking", new Box(290, 250, 90, 28), start, Direction.RECEDING),
                Arguments.of("down at constant size", start, new Box(300, 160, 60, 19), Direction.APPROACHING),
                Arguments.of("growing on the spot", start, new Box(290, 95, 80, 25), Direction.APPROACHING),
                Arguments.of("shrinking on the spot", new Box(290, 95, 80, 25), start, Direction.RECEDING),
                Arguments.of("sideways to the left", start, new Box(100, 110, 62, 20), Direction.LEFT),
                Arguments.of("sideways to the right", start, new Box(500, 95, 60, 19), Direction.RIGHT),
                Arguments.of("diagonal towards the camera", start, new Box(150, 220, 85, 27), Direction.APPROACHING),
                Arguments.of("jitter only", start, new Box(303, 102, 61, 19), Direction.STATIONARY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("motions")
    void fromFirstAndLastBox(String motion, Box first, Box last, Direction expected) {
        assertThat(Direction.of(first, last)).isEqualTo(expected);
    }
}
