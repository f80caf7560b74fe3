package io.xueliang.ingest.rtp.aac;

import static io.xueliang.ingest.rtp.RtpPackets.concat;
import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.ingest.rtp.RtpPackets;
import io.xueliang.ingest.rtp.UnsupportedPayloadException;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AacDepacketizerTest {
    static final CameraId CAMERA = CameraId.of("cam1");
    /** AAC-LC, 16 kHz (index 8), mono: 00010 1000 0001 000. */
    static final Map<String, String> HBR = Map.of("streamtype", "5", "profile-level-id", "15", "mode", "AAC-hbr",
            "config", "1408", "SizeLength", "13", "IndexLength", "3", "IndexDeltaLength", "3");

    private final List<AccessUnit> units = new ArrayList<>();
    private AacDepacketizer depacketizer = new AacDepacketizer(CAMERA, 16_000, HBR, 8192, units::add);

    /** AU-headers-length, 13+3-bit headers, then the AUs; {@code sizes} may differ from the data (fragments). */
    static byte[] payload(int[] sizes, byte[]... aus) {
        int bits = 16 * sizes.length;
        byte[] out = {(byte) (bits >> 8), (byte) bits};
        for (int size : sizes) {
            int header = size << 3; // index / index-delta 0
            out = concat(out, new byte[] {(byte) (header >> 8), (byte) header});
        }
        for (byte[] au : aus) {
            out = concat(out, au);
        }
        return out;
    }

    static byte[] au(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    private void deliver(int seq, long ts, boolean marker, byte[] payload) {
        ByteBuf b = RtpPackets.packet(97, seq, ts, RtpPackets.SSRC, marker, payload);
        try {
            depacketizer.onPacket(RtpPacket.parse(b), ts, RtpPackets.WALL);
        } finally {
            b.release();
        }
    }

    @Test
    void describesTheTrackFromTheConfig() {
        assertThat(depacketizer.description().codec()).isEqualTo(Codec.AAC);
        assertThat(depacketizer.description().sampleRate()).isEqualTo(16_000);
        assertThat(depacketizer.description().channels()).isEqualTo(1);
        assertThat(depacketizer.description().audioConfig()).isEqualTo(hex("1408"));
    }

    @Test
    void severalAccessUnitsInOnePacketGetConsecutiveTimestamps() {
        deliver(1, 16_000, true, payload(new int[] {5, 7, 3}, au(5, 1), au(7, 2), au(3, 3)));
        assertThat(units).hasSize(3);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(90_000L, 90_000L + 5760, 90_000L + 11520);
        assertThat(units.get(1).copyPayload()).isEqualTo(au(7, 2));
        assertThat(units.get(2).wallClock()).isEqualTo(RtpPackets.WALL.plus(Duration.ofMillis(128)));
        assertThat(units).allMatch(AccessUnit::isKeyframe);
    }

    @Test
    void fragmentedAccessUnitIsReassembledByMarker() {
        byte[] whole = au(300, 9);
        deliver(1, 0, false, payload(new int[] {300}, java.util.Arrays.copyOfRange(whole, 0, 100)));
        deliver(2, 0, false, payload(new int[] {300}, java.util.Arrays.copyOfRange(whole, 100, 200)));
        assertThat(units).isEmpty();
        deliver(3, 0, true, payload(new int[] {300}, java.util.Arrays.copyOfRange(whole, 200, 300)));
        assertThat(units).hasSize(1);
        assertThat(units.getFirst().copyPayload()).isEqualTo(whole);
    }

    @Test
    void lossInsideAFragmentedAccessUnitDropsIt() {
        byte[] whole = au(300, 9);
        deliver(1, 0, false, payload(new int[] {300}, java.util.Arrays.copyOfRange(whole, 0, 100)));
        depacketizer.onLoss();
        deliver(3, 0, true, payload(new int[] {300}, java.util.Arrays.copyOfRange(whole, 200, 300)));
        deliver(4, 1024, true, payload(new int[] {4}, au(4, 0)));
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(5760L);
        assertThat(depacketizer.counters().droppedBroken()).isEqualTo(1);
    }

    @Test
    void fragmentCutShortByTheMarkerIsDropped() {
        deliver(1, 0, false, payload(new int[] {300}, au(100, 0)));
        deliver(2, 0, true, payload(new int[] {300}, au(100, 0)));
        assertThat(units).isEmpty();
        assertThat(depacketizer.counters().droppedBroken()).isEqualTo(1);
    }

    @Test
    void accessUnitOverTheLimitIsDroppedAndCounted() {
        depacketizer = new AacDepacketizer(CAMERA, 16_000, HBR, 64, units::add);
        deliver(1, 0, true, payload(new int[] {100, 4}, au(100, 0), au(4, 0)));
        deliver(2, 2048, false, payload(new int[] {500}, au(50, 0)));
        deliver(3, 2048, true, payload(new int[] {500}, au(50, 0)));
        assertThat(units).hasSize(1);
        assertThat(depacketizer.counters().droppedOversize()).isEqualTo(2);
    }

    @Test
    void malformedHeadersRaiseFormatError() {
        assertThatThrownBy(() -> deliver(1, 0, true, hex("00"))).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(2, 0, true, hex("0040 0000"))).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(3, 0, true, hex("000a 0000"))).isInstanceOf(RtpFormatException.class);
        // Two headers claiming more bytes than the packet carries.
        assertThatThrownBy(() -> deliver(4, 0, true, payload(new int[] {5, 50}, au(5, 0), au(3, 0))))
                .isInstanceOf(RtpFormatException.class);
    }

    @Test
    void unsupportedModesAndFieldsAreRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> new AacDepacketizer(CAMERA, 16_000, Map.of("mode", "CELP-cbr", "sizelength", "13"),
                100, units::add)).isInstanceOfSatisfying(UnsupportedPayloadException.class,
                        e -> assertThat(e.parameter()).isEqualTo("mode"));
        assertThatThrownBy(() -> new AacDepacketizer(CAMERA, 16_000, Map.of("mode", "AAC-hbr", "config", "1408"),
                100, units::add)).isInstanceOfSatisfying(UnsupportedPayloadException.class,
                        e -> assertThat(e.parameter()).isEqualTo("sizeLength"));
        assertThatThrownBy(() -> new AacDepacketizer(CAMERA, 16_000, Map.of("sizelength", "13", "ctsdeltalength", "2"),
                100, units::add)).isInstanceOfSatisfying(UnsupportedPayloadException.class,
                        e -> assertThat(e.parameter()).isEqualTo("CTSDeltaLength"));
        assertThatThrownBy(() -> new AacDepacketizer(CAMERA, 16_000, Map.of("sizelength", "13", "config", "zz"),
                100, units::add)).isInstanceOf(UnsupportedPayloadException.class);
    }

    @Test
    void readsStereo48kConfigAnd960SampleFrames() {
        // AAC-LC (2), 48 kHz (index 3), stereo (2), frameLengthFlag 1: 00010 0011 0010 1 00
        AacDepacketizer d = new AacDepacketizer(CAMERA, 48_000, Map.of("sizelength", "13", "indexlength", "3",
                "indexdeltalength", "3", "config", "1194"), 8192, units::add);
        assertThat(d.description().sampleRate()).isEqualTo(48_000);
        assertThat(d.description().channels()).isEqualTo(2);
        depacketizer = d;
        deliver(1, 0, true, payload(new int[] {2, 2}, au(2, 0), au(2, 0)));
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 1800L);
    }
}
