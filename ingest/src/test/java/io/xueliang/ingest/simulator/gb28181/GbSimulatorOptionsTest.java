package io.xueliang.ingest.simulator.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GbSimulatorOptionsTest {
    private static final GbSimulatorOptions BASE = GbSimulatorOptions.loopback(3, 4, 5060, "43032100002000000001",
            "4303210000", "secret");

    @Test
    void idsAreDomainTypeAndSerialWithChannelsNumberedAcrossDevices() {
        assertThat(BASE.deviceId(0)).isEqualTo("43032100001180000001");
        assertThat(BASE.deviceId(2)).isEqualTo("43032100001180000003");
        assertThat(BASE.channelId(0, 0)).isEqualTo("43032100001310000001");
        assertThat(BASE.channelId(0, 3)).isEqualTo("43032100001310000004");
        assertThat(BASE.channelId(1, 0)).isEqualTo("43032100001310000005");
        assertThat(BASE.channelId(2, 3)).isEqualTo("43032100001310000012");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 0, 4, "4303210000", "43032100002000000001",
                        0, Duration.ofHours(1)), "devices 0 is outside [1, 100000]"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 1, 0, "4303210000", "43032100002000000001",
                        0, Duration.ofHours(1)), "channels 0 is outside [1, 10000]"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 10_000, 10_000, "4303210000",
                        "43032100002000000001", 0, Duration.ofHours(1)), "devices x channels exceeds the 7-digit serial"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 1, 1, "430321", "43032100002000000001", 0,
                        Duration.ofHours(1)), "domain must be 10 digits: 430321"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 1, 1, "4303210000", "4303210000200000000x",
                        0, Duration.ofHours(1)), "serverId must be 20 digits: 4303210000200000000x"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 10, 1, "4303210000",
                        "43032100002000000001", 65_530, Duration.ofHours(1)), "SIP ports 65530..65539 do not fit in [1, 65535]"),
                Arguments.of((UnaryOperator<GbSimulatorOptions>) o -> copy(o, 1, 1, "4303210000",
                        "43032100002000000001", 0, Duration.ofSeconds(59)), "registerExpires PT59S is outside [60 s, 24 h]"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWhatCannotWorkWithAMessageNamingIt(UnaryOperator<GbSimulatorOptions> change, String message) {
        assertThatThrownBy(() -> change.apply(BASE)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static GbSimulatorOptions copy(GbSimulatorOptions o, int devices, int channels, String domain,
            String serverId, int firstSipPort, Duration expires) {
        return new GbSimulatorOptions(devices, channels, o.platformHost(), o.platformPort(), serverId, domain,
                o.password(), o.bindHost(), firstSipPort, o.localAddress(), expires, o.keepaliveInterval(),
                o.registersPerSecond(), o.retryAfter(), o.maxStreams(), o.eventLoopThreads(), o.sipOverTcp());
    }
}
