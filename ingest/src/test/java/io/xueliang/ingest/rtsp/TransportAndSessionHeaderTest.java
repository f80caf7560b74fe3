package io.xueliang.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportAndSessionHeaderTest {

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("12345678;timeout=60", "12345678", OptionalInt.of(60)),
                Arguments.of("12345678; timeout=60", "12345678", OptionalInt.of(60)),
                Arguments.of("12345678 ;Timeout = 30", "12345678", OptionalInt.of(30)),
                Arguments.of("ABCDEF", "ABCDEF", OptionalInt.empty()),
                Arguments.of("ABCDEF;timeout=", "ABCDEF", OptionalInt.empty()),
                Arguments.of("ABCDEF;timeout=abc", "ABCDEF", OptionalInt.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void parsesSessionHeaderVariants(String value, String id, OptionalInt timeout) {
        assertThat(SessionHeader.parse(value)).isEqualTo(new SessionHeader(id, timeout));
    }

    @Test
    void rejectsEmptySessionId() {
        assertThatThrownBy(() -> SessionHeader.parse(" ;timeout=60")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loneServerPortImpliesRtcpOnNextPort() {
        assertThat(TransportHeader.parse("RTP/AVP;unicast;server_port=8000").serverPort())
                .hasValueSatisfying(p -> assertThat(p).containsExactly(8000, 8001));
    }

    @Test
    void onlyTheFirstOfSeveralTransportSpecsCounts() {
        TransportHeader t = TransportHeader.parse("RTP/AVP/TCP;unicast;interleaved=4-5, RTP/AVP;unicast;client_port=1-2");
        assertThat(t.isTcp()).isTrue();
        assertThat(t.interleaved()).hasValueSatisfying(p -> assertThat(p).containsExactly(4, 5));
        assertThat(t.clientPort()).isEmpty();
    }

    @Test
    void ssrcWithSpacesAndGarbageIsTolerated() {
        assertThat(TransportHeader.parse("RTP/AVP;unicast;ssrc= 0A0B0C0D ").ssrc()).hasValue(0x0A0B0C0D);
        assertThat(TransportHeader.parse("RTP/AVP;unicast;ssrc=zz").ssrc()).isEmpty();
        assertThat(TransportHeader.parse("RTP/AVP;unicast;ssrc=FFFFFFFF").ssrc()).hasValue(-1);
    }

    @Test
    void udpPortRangeHandsOutEvenPairsRoundRobin() {
        UdpPortRange range = new UdpPortRange(50000, 50005);
        assertThat(range.pairs()).isEqualTo(3);
        assertThat(Stream.generate(range::nextRtpPort).limit(4)).containsExactly(50000, 50002, 50004, 50000);
        assertThatThrownBy(() -> new UdpPortRange(50001, 50010)).isInstanceOf(IllegalArgumentException.class);
    }
}
