package io.xueliang.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtspStateTest {

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(RtspState.INIT, EnumSet.of(RtspState.OPTIONS, RtspState.CLOSED)),
                Arguments.of(RtspState.OPTIONS, EnumSet.of(RtspState.OPTIONS, RtspState.DESCRIBE, RtspState.CLOSED)),
                Arguments.of(RtspState.DESCRIBE, EnumSet.of(RtspState.OPTIONS, RtspState.SETUP, RtspState.CLOSED)),
                Arguments.of(RtspState.SETUP, EnumSet.of(RtspState.SETUP, RtspState.PLAY, RtspState.TEARDOWN, RtspState.CLOSED)),
                Arguments.of(RtspState.PLAY, EnumSet.of(RtspState.PLAYING, RtspState.TEARDOWN, RtspState.CLOSED)),
                Arguments.of(RtspState.PLAYING, EnumSet.of(RtspState.TEARDOWN, RtspState.CLOSED)),
                Arguments.of(RtspState.TEARDOWN, EnumSet.of(RtspState.CLOSED)),
                Arguments.of(RtspState.CLOSED, EnumSet.noneOf(RtspState.class)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("transitions")
    void allowsExactlyTheDocumentedTransitions(RtspState from, EnumSet<RtspState> allowed) {
        for (RtspState to : RtspState.values()) {
            assertThat(from.canMoveTo(to)).as("%s → %s", from, to).isEqualTo(allowed.contains(to));
        }
    }

    @Test
    void playingIsReachableOnlyThroughPlay() {
        for (RtspState s : RtspState.values()) {
            assertThat(s.canMoveTo(RtspState.PLAYING)).as(s.name()).isEqualTo(s == RtspState.PLAY);
        }
    }
}
