package io.xueliang.ingest.rtp.h264;

import static io.xueliang.ingest.rtp.RtpPackets.concat;
import static io.xueliang.ingest.rtp.RtpPackets.deliver;
import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static io.xueliang.ingest.rtp.RtpPackets.nals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpPackets;
import io.xueliang.ingest.rtp.UnsupportedPayloadException;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class H264DepacketizerTest {
    static final CameraId CAMERA = CameraId.of("cam1");
    /** libx264 High profile 1920x1080 (cropped from 1088). */
    static final String SPS_1080 = "67640028acd940780227e5c044000003000400000300c83c60c658";
    static final String PPS_1080 = "68ebe3cb22c0";
    /** libx264 Baseline 1280x720. */
    static final String SPS_720 = "6742c01fd9005005bb011000000300100000030320f1832480";
    static final String PPS_720 = "68cb83cb20";
    static final String AUD = "0910";
    static final String SEI = "06050102";

    private final List<AccessUnit> units = new ArrayList<>();
    private H264Depacketizer depacketizer = create(Map.of("packetization-mode", "1"), 1 << 20);

    private H264Depacketizer create(Map<String, String> fmtp, int max) {
        return new H264Depacketizer(CAMERA, 90_000, fmtp, max, units::add);
    }

    static String idr(int size) {
        StringBuilder b = new StringBuilder("6588");
        for (int i = 0; i < size - 2; i++) {
            b.append(String.format("%02x", (i * 7 + 3) & 0xff));
        }
        return b.toString();
    }

    static String slice(int n) {
        return "419a" + String.format("%04x", n) + "deadbeef";
    }

    static byte[] stapA(String... nals) {
        byte[] out = {24};
        for (String n : nals) {
            byte[] nal = hex(n);
            out = concat(out, new byte[] {(byte) (nal.length >> 8), (byte) nal.length}, nal);
        }
        return out;
    }

    /** FU-A payloads carrying {@code nal} in fragments of at most {@code size} bytes. */
    static List<byte[]> fuA(String nalHex, int size) {
        byte[] nal = hex(nalHex);
        List<byte[]> out = new ArrayList<>();
        int pos = 1;
        while (pos < nal.length) {
            int n = Math.min(size, nal.length - pos);
            int header = (pos == 1 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | (nal[0] & 0x1f);
            byte[] p = new byte[2 + n];
            p[0] = (byte) ((nal[0] & 0xe0) | 28);
            p[1] = (byte) header;
            System.arraycopy(nal, pos, p, 2, n);
            out.add(p);
            pos += n;
        }
        return out;
    }

    private void single(int seq, long ts, boolean marker, String nal) {
        deliver(depacketizer, seq, ts, marker, hex(nal));
    }

    private void keyframe(int seq, long ts) {
        single(seq, ts, false, SPS_1080);
        single(seq + 1, ts, false, PPS_1080);
        single(seq + 2, ts, true, idr(40));
    }

    @Test
    void singleNalUnitPacketsMakeOneKeyframeWithDescriptionFromInBandSps() {
        keyframe(1, 3000);
        assertThat(units).hasSize(1);
        AccessUnit au = units.getFirst();
        assertThat(au.isKeyframe()).isTrue();
        assertThat(au.codec()).isEqualTo(Codec.H264);
        assertThat(au.pts90k()).isEqualTo(3000);
        assertThat(au.wallClock()).isEqualTo(RtpPackets.WALL.plusMillis(3000 / 90));
        assertThat(nals(au)).containsExactly(SPS_1080, PPS_1080, idr(40));
        assertThat(au.description().width()).isEqualTo(1920);
        assertThat(au.description().height()).isEqualTo(1080);
        assertThat(au.description().hasParameterSets()).isTrue();
    }

    /** SPS_1080 with its VUI timing changed: other bytes, the same stream. */
    static String spsWithOtherVui(int i) {
        return SPS_1080.replace("00c83c60c658", String.format("00%02x3c60c658", 0xc8 + i % 50));
    }

    @Test
    void anSpsWithNewBytesButTheSameFieldsInEveryFrameKeepsOneDescription() {
        for (int i = 0; i < 100; i++) {
            deliver(depacketizer, 1 + i, 3600L * i, true, stapA(spsWithOtherVui(i), PPS_1080, idr(30)));
        }
        assertThat(units).hasSize(100);
        assertThat(units).extracting(AccessUnit::description).as("one description: one recording segment")
                .containsOnly(units.getFirst().description());
        assertThat(units.getFirst().description().width()).isEqualTo(1920);
        assertThat(nals(units.get(7))).as("the camera's own SPS stays in the unit").first().isEqualTo(spsWithOtherVui(7));
        assertThat(depacketizer.counters().ignoredParameterSets()).isZero();

        // A real change of the stream still makes a new description.
        deliver(depacketizer, 200, 3600L * 200, true, stapA(SPS_720, PPS_720, idr(30)));
        assertThat(units.getLast().description().width()).isEqualTo(1280);
    }

    @Test
    void parameterSetsThatDoNotParseAreDroppedAndCounted() {
        keyframe(1, 0);
        for (int i = 1; i <= 50; i++) {
            String garbageSps = String.format("67%06x00000000", i);
            String garbagePps = "68" + "00".repeat(8);
            deliver(depacketizer, 10 + i, 3600L * i, true, stapA(garbageSps, garbagePps, idr(30)));
        }
        assertThat(units).hasSize(51).extracting(AccessUnit::description).containsOnly(units.getFirst().description());
        assertThat(units.getLast().description().hasParameterSets()).isTrue();
        assertThat(nals(units.getLast())).as("the good ones prepended, the garbage gone")
                .containsExactly(SPS_1080, PPS_1080, idr(30));
        assertThat(depacketizer.counters().ignoredParameterSets()).isEqualTo(100);

        List<AccessUnit> fromSdp = new ArrayList<>();
        H264Depacketizer bad = new H264Depacketizer(CAMERA, 90_000, Map.of("packetization-mode", "1",
                "sprop-parameter-sets", Base64.getEncoder().encodeToString(hex("6700000000")) + ","
                        + Base64.getEncoder().encodeToString(hex(PPS_1080))), 1 << 20, fromSdp::add);
        assertThat(bad.description().sps()).as("a garbage SPS in the SDP is not taken").isEmpty();
        assertThat(bad.counters().ignoredParameterSets()).isEqualTo(1);
    }

    @Test
    void stapAUnpacksEveryNalUnitAndDropsTheDelimiter() {
        deliver(depacketizer, 1, 0, true, stapA(AUD, SPS_1080, PPS_1080, SEI, idr(30)));
        assertThat(units).hasSize(1);
        assertThat(nals(units.getFirst())).containsExactly(SPS_1080, PPS_1080, SEI, idr(30));
    }

    static IntStream fragmentSizes() {
        return IntStream.rangeClosed(1, 64);
    }

    @ParameterizedTest(name = "fragments of {0} bytes")
    @MethodSource("fragmentSizes")
    void fuAReassemblesTheNalUnitWhateverTheFragmentSize(int size) {
        deliver(depacketizer, 1, 0, false, stapA(SPS_1080, PPS_1080));
        List<byte[]> fragments = fuA(idr(60), size);
        for (int i = 0; i < fragments.size(); i++) {
            deliver(depacketizer, 2 + i, 0, i == fragments.size() - 1, fragments.get(i));
        }
        assertThat(units).hasSize(1);
        assertThat(nals(units.getFirst())).containsExactly(SPS_1080, PPS_1080, idr(60));
    }

    @Test
    void lostMiddleFragmentDropsTheUnitAndEverythingUntilTheNextIdr() {
        keyframe(1, 0);
        List<byte[]> fragments = fuA(slice(1) + "00112233445566778899", 4);
        deliver(depacketizer, 4, 3600, false, fragments.get(0));
        depacketizer.onLoss();
        for (int i = 2; i < fragments.size(); i++) {
            deliver(depacketizer, 4 + i, 3600, i == fragments.size() - 1, fragments.get(i));
        }
        single(20, 7200, true, slice(2));
        single(21, 10800, true, slice(3));
        keyframe(22, 14400);
        single(25, 18000, true, slice(4));

        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 14400L, 18000L);
        DepacketizerCounters c = depacketizer.counters();
        assertThat(c.droppedBroken()).isEqualTo(1);
        assertThat(c.droppedAwaitingKey()).isEqualTo(2);
        assertThat(c.emitted()).isEqualTo(3);
    }

    @Test
    void fragmentWithoutStartBreaksTheUnit() {
        keyframe(1, 0);
        List<byte[]> fragments = fuA(slice(1) + "0011223344", 3);
        for (int i = 1; i < fragments.size(); i++) {
            deliver(depacketizer, 3 + i, 3600, i == fragments.size() - 1, fragments.get(i));
        }
        assertThat(units).hasSize(1);
        assertThat(depacketizer.counters().droppedBroken()).isEqualTo(1);
    }

    @Test
    void fragmentWithoutEndBreaksTheUnitWhenTheNextTimestampArrives() {
        keyframe(1, 0);
        List<byte[]> fragments = fuA(slice(1) + "0011223344", 3);
        deliver(depacketizer, 4, 3600, false, fragments.get(0));
        deliver(depacketizer, 5, 3600, false, fragments.get(1));
        single(6, 7200, true, slice(2));
        assertThat(units).hasSize(1);
        assertThat(depacketizer.counters().droppedBroken()).isEqualTo(1);
        assertThat(depacketizer.counters().droppedAwaitingKey()).isEqualTo(1);
    }

    @Test
    void markerlessCameraSplitsUnitsOnTimestampChange() {
        single(1, 0, false, SPS_1080);
        single(2, 0, false, PPS_1080);
        single(3, 0, false, idr(20));
        single(4, 0, false, idr(21));
        assertThat(units).isEmpty();
        single(5, 3600, false, slice(1));
        assertThat(units).hasSize(1);
        assertThat(nals(units.getFirst())).containsExactly(SPS_1080, PPS_1080, idr(20), idr(21));
        single(6, 7200, false, slice(2));
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 3600L);
        assertThat(nals(units.get(1))).containsExactly(slice(1));
    }

    @Test
    void inBandSpsChangeMakesANewDescriptionOnlyWhenTheBytesChange() {
        keyframe(1, 0);
        single(4, 3600, true, slice(1));
        keyframe(5, 7200);
        deliver(depacketizer, 8, 10800, true, stapA(SPS_720, PPS_720, idr(10)));
        single(9, 14400, true, slice(2));

        assertThat(units).hasSize(5);
        assertThat(units.get(1).description()).isSameAs(units.get(0).description());
        assertThat(units.get(2).description()).isSameAs(units.get(0).description());
        assertThat(units.get(3).description()).isNotEqualTo(units.get(0).description());
        assertThat(units.get(3).description().width()).isEqualTo(1280);
        assertThat(units.get(3).description().height()).isEqualTo(720);
        assertThat(units.get(4).description()).isSameAs(units.get(3).description());
    }

    @Test
    void idrWithoutParameterSetsGetsThoseFromSdpPrepended() {
        String sprop = Base64.getEncoder().encodeToString(hex(SPS_1080)) + ","
                + Base64.getEncoder().encodeToString(hex(PPS_1080));
        depacketizer = create(Map.of("packetization-mode", "1", "sprop-parameter-sets", sprop), 1 << 20);
        assertThat(depacketizer.description().width()).isEqualTo(1920);
        single(1, 0, true, idr(12));
        single(2, 3600, true, slice(1));
        assertThat(nals(units.get(0))).containsExactly(SPS_1080, PPS_1080, idr(12));
        assertThat(nals(units.get(1))).containsExactly(slice(1));
    }

    @Test
    void idrWithoutAnyKnownParameterSetsIsDroppedUntilTheyArrive() {
        single(1, 0, true, idr(12));
        keyframe(2, 3600);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(3600L);
        assertThat(depacketizer.counters().droppedAwaitingKey()).isEqualTo(1);
    }

    @Test
    void unitsBeforeTheFirstKeyframeAreDropped() {
        single(1, 0, true, slice(1));
        single(2, 3600, true, slice(2));
        keyframe(3, 7200);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(7200L);
        assertThat(units.getFirst().isKeyframe()).isTrue();
        assertThat(depacketizer.counters().droppedAwaitingKey()).isEqualTo(2);
    }

    @Test
    void oversizedUnitIsDroppedCountedAndTheNextKeyframeAwaited() {
        depacketizer = create(Map.of(), 200);
        keyframe(1, 0);
        for (byte[] f : fuA(slice(1) + "00".repeat(300), 50)) {
            deliver(depacketizer, 10, 3600, false, f);
        }
        single(20, 3600, true, "0102");
        single(21, 7200, true, slice(2));
        keyframe(22, 10800);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 10800L);
        assertThat(depacketizer.counters().droppedOversize()).isEqualTo(1);
        assertThat(depacketizer.counters().droppedAwaitingKey()).isEqualTo(1);
    }

    @Test
    void interleavedModePacketsAreIgnoredAndCounted() {
        keyframe(1, 0);
        deliver(depacketizer, 4, 3600, true, hex("19 0000 0002 4101")); // STAP-B
        deliver(depacketizer, 5, 7200, true, hex("1d 85 0000 01")); // FU-B
        assertThat(depacketizer.counters().ignoredPackets()).isEqualTo(2);
        assertThat(units).hasSize(1);
    }

    @Test
    void malformedAggregationRaisesFormatError() {
        assertThatThrownBy(() -> deliver(depacketizer, 1, 0, true, hex("18 0010 6588")))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(depacketizer, 2, 0, true, hex("18 0002 6588 00")))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(depacketizer, 3, 0, true, hex("7c")))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(depacketizer, 4, 0, true, new byte[0]))
                .isInstanceOf(RtpFormatException.class);
        // The session would end here; the depacketiser must still be usable if the caller goes on.
        keyframe(5, 3600);
        assertThat(units).hasSize(1);
    }

    @Test
    void interleavedPacketizationModeIsRefused() {
        assertThatThrownBy(() -> create(Map.of("packetization-mode", "2"), 1000))
                .isInstanceOfSatisfying(UnsupportedPayloadException.class,
                        e -> assertThat(e.parameter()).isEqualTo("packetization-mode"));
    }
}
