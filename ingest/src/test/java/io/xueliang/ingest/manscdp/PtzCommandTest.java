package io.xueliang.ingest.manscdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.manscdp.PtzCommand.Pan;
import io.xueliang.ingest.manscdp.PtzCommand.Tilt;
import io.xueliang.ingest.manscdp.PtzCommand.Zoom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GB/T 28181-2016 Appendix A.3 PTZCmd strings, built and read. */
class PtzCommandTest {

    /**
     * One table serves encoding and decoding. Byte 8 is the sum of bytes 1-7 mod 256; the expected strings were
     * computed apart from this code, by hand from Appendix A.3's layout.
     */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(PtzCommand.stop(), "A50F0100000000B5"),                        // the standard's stop
                Arguments.of(PtzCommand.pan(Pan.RIGHT, 0x80), "A50F010180000036"),
                Arguments.of(PtzCommand.pan(Pan.LEFT, 0x80), "A50F010280000037"),
                Arguments.of(PtzCommand.tilt(Tilt.DOWN, 0x80), "A50F010400800039"),
                Arguments.of(PtzCommand.tilt(Tilt.UP, 0xFA), "A50F010800FA00B7"),
                Arguments.of(PtzCommand.zoom(Zoom.IN, 0x1), "A50F0110000010D5"),           // zoom speed in byte 7's high nibble
                Arguments.of(PtzCommand.zoom(Zoom.OUT, 0xF), "A50F01200000F0C5"),
                Arguments.of(PtzCommand.move(Pan.LEFT, Tilt.UP, Zoom.NONE, 0x40, 0x40, 0), "A50F010A4040003F"),
                Arguments.of(PtzCommand.presetSet(1), "A50F018100010037"),
                Arguments.of(PtzCommand.presetCall(1), "A50F018200010038"),
                Arguments.of(PtzCommand.presetDelete(255), "A50F018300FF0037"),
                Arguments.of(new PtzCommand(0xABC, 0, 0, 0, 0), "A50FBC0000000A7A"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("commands")
    void buildsTheStandardsBytes(PtzCommand command, String hex) {
        assertThat(command.toHex()).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("commands")
    void readsTheStandardsBytes(PtzCommand command, String hex) {
        assertThat(PtzCommand.parse(hex)).isEqualTo(command);
        assertThat(PtzCommand.parse(hex.toLowerCase())).isEqualTo(command);
    }

    @Test
    void stopIsTheStandardsExample() {
        assertThat(PtzCommand.stop().toHex()).isEqualTo("A50F0100000000B5");
        assertThat(PtzCommand.parse("A50F0100000000B5").isStop()).isTrue();
    }

    @Test
    void directionsReadBack() {
        PtzCommand c = PtzCommand.move(Pan.RIGHT, Tilt.DOWN, Zoom.OUT, 10, 20, 3);
        assertThat(c.panDirection()).isEqualTo(Pan.RIGHT);
        assertThat(c.tiltDirection()).isEqualTo(Tilt.DOWN);
        assertThat(c.zoomDirection()).isEqualTo(Zoom.OUT);
        assertThat(c.data1()).isEqualTo(10);
        assertThat(c.data2()).isEqualTo(20);
        assertThat(c.data3()).isEqualTo(3);
        assertThat(PtzCommand.presetCall(5).isMotion()).isFalse();
        assertThat(PtzCommand.presetCall(5).panDirection()).isEqualTo(Pan.NONE);
    }

    @Test
    void refusesBadCommandsAndBadArguments() {
        assertThatThrownBy(() -> PtzCommand.parse("A50F0100000000B6")).hasMessageContaining("checksum");
        assertThatThrownBy(() -> PtzCommand.parse("A50E0100000000B4")).hasMessageContaining("check nibble");
        assertThatThrownBy(() -> PtzCommand.parse("B50F0100000000C5")).hasMessageContaining("A5");
        assertThatThrownBy(() -> PtzCommand.parse("A50F01")).hasMessageContaining("16 hex digits");
        assertThatThrownBy(() -> PtzCommand.presetCall(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PtzCommand.presetCall(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PtzCommand.zoom(Zoom.IN, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PtzCommand.pan(Pan.LEFT, 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
