package io.xueliang.ingest.rtp.g711;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.ingest.rtp.RtpPackets;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class G711DepacketizerTest {
    private final List<AccessUnit> units = new ArrayList<>();

    private void deliver(G711Depacketizer d, int pt, int seq, long ts, byte[] payload) {
        ByteBuf b = RtpPackets.packet(pt, seq, ts, RtpPackets.SSRC, false, payload);
        try {
            d.onPacket(RtpPacket.parse(b), ts, RtpPackets.WALL);
        } finally {
            b.release();
        }
    }

    @Test
    void everyPacketIsOneUnitWithItsSamples() {
        G711Depacketizer d = new G711Depacketizer(CameraId.of("c"), Codec.PCMA, 8000, 1, 1000, units::add);
        byte[] samples = new byte[160];
        samples[0] = (byte) 0xd5;
        deliver(d, 8, 1, 0, samples);
        deliver(d, 8, 2, 160, samples);
        assertThat(units).hasSize(2);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 1800L);
        assertThat(units.getFirst().codec()).isEqualTo(Codec.PCMA);
        assertThat(units.getFirst().description().sampleRate()).isEqualTo(8000);
        assertThat(units.getFirst().copyPayload()).isEqualTo(samples);
        assertThat(units.getFirst().isKeyframe()).isTrue();
    }

    @Test
    void muLawAndOversizedAndEmptyPackets() {
        G711Depacketizer d = new G711Depacketizer(CameraId.of("c"), Codec.PCMU, 8000, 1, 100, units::add);
        deliver(d, 0, 1, 0, new byte[80]);
        deliver(d, 0, 2, 80, new byte[101]);
        deliver(d, 0, 3, 181, new byte[0]);
        assertThat(units).hasSize(1);
        assertThat(units.getFirst().codec()).isEqualTo(Codec.PCMU);
        assertThat(d.counters().droppedOversize()).isEqualTo(1);
    }
}
