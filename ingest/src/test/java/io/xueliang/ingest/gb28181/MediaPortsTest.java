package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaPortsTest {
    @Test
    void portsGoRoundTheRangeSoAReleasedOneIsTheLastToComeBack() {
        MediaPorts ports = new MediaPorts(30000, 30002);
        assertThat(ports.allocate()).isEqualTo(30000);
        ports.release(30000);
        assertThat(ports.allocate()).isEqualTo(30001);
        assertThat(ports.allocate()).isEqualTo(30002);
        assertThat(ports.allocate()).isEqualTo(30000);
        assertThatThrownBy(ports::allocate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 3 media ports 30000-30002 are in use");
        ports.release(29999);
        ports.release(30001);
        assertThat(ports.inUse()).isEqualTo(2);
        assertThat(ports.allocate()).isEqualTo(30001);
    }
}
