package io.xueliang.ingest.rtp.h265;

import static io.xueliang.ingest.rtp.RtpPackets.concat;
import static io.xueliang.ingest.rtp.RtpPackets.deliver;
import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static io.xueliang.ingest.rtp.RtpPackets.nals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.rtp.RtpFormatException;
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

class H265DepacketizerTest {
    static final CameraId CAMERA = CameraId.of("cam1");
    static final String VPS = "40010c01ffff016000000300900000030000030078959809";
    static final String SPS = H265SpsParserTest.SPS_1080;
    static final String PPS = "4401c172b46240";
    static final String SPS_720 = H265SpsParserTest.SPS_720;
    static final String AUD = "460150";

    private final List<AccessUnit> units = new ArrayList<>();
    private H265Depacketizer depacketizer = create(Map.of());

    private H265Depacketizer create(Map<String, String> fmtp) {
        return new H265Depacketizer(CAMERA, 90_000, fmtp, 1 << 20, units::add);
    }

    /** An IDR_W_RADL (type 19) slice of {@code size} bytes. */
    static String idr(int size) {
        StringBuilder b = new StringBuilder("2601");
        for (int i = 0; i < size - 2; i++) {
            b.append(String.format("%02x", (i * 5 + 1) & 0xff));
        }
        return b.toString();
    }

    static String trail(int n) {
        return "0201" + String.format("%04x", n) + "cafe";
    }

    static byte[] ap(String... nals) {
        byte[] out = hex("6001");
        for (String n : nals) {
            byte[] nal = hex(n);
            out = concat(out, new byte[] {(byte) (nal.length >> 8), (byte) nal.length}, nal);
        }
        return out;
    }

    static List<byte[]> fu(String nalHex, int size) {
        byte[] nal = hex(nalHex);
        int type = (nal[0] >> 1) & 0x3f;
        List<byte[]> out = new ArrayList<>();
        int pos = 2;
        while (pos < nal.length) {
            int n = Math.min(size, nal.length - pos);
            byte[] p = new byte[3 + n];
            p[0] = (byte) ((nal[0] & 0x81) | (49 << 1));
            p[1] = nal[1];
            p[2] = (byte) ((pos == 2 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 3, n);
            out.add(p);
            pos += n;
        }
        return out;
    }

    private void keyframe(int seq, long ts) {
        deliver(depacketizer, seq, ts, true, ap(VPS, SPS, PPS, idr(30)));
    }

    @Test
    void aggregationPacketWithParameterSetsMakesAKeyframe() {
        deliver(depacketizer, 1, 0, true, ap(AUD, VPS, SPS, PPS, idr(30)));
        assertThat(units).hasSize(1);
        AccessUnit au = units.getFirst();
        assertThat(au.codec()).isEqualTo(Codec.H265);
        assertThat(au.isKeyframe()).isTrue();
        assertThat(nals(au)).containsExactly(VPS, SPS, PPS, idr(30));
        assertThat(au.description().width()).isEqualTo(1920);
        assertThat(au.description().height()).isEqualTo(1080);
        assertThat(au.description().hasParameterSets()).isTrue();
    }

    static IntStream fragmentSizes() {
        return IntStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "fragments of {0} bytes")
    @MethodSource("fragmentSizes")
    void fragmentationUnitsReassembleTheNalUnit(int size) {
        deliver(depacketizer, 1, 0, false, ap(VPS, SPS, PPS));
        List<byte[]> fragments = fu(idr(50), size);
        for (int i = 0; i < fragments.size(); i++) {
            deliver(depacketizer, 2 + i, 0, i == fragments.size() - 1, fragments.get(i));
        }
        assertThat(units).hasSize(1);
        assertThat(nals(units.getFirst())).containsExactly(VPS, SPS, PPS, idr(50));
    }

    @Test
    void singleNalUnitPacketsAndMarkerlessBoundaries() {
        deliver(depacketizer, 1, 0, false, hex(VPS));
        deliver(depacketizer, 2, 0, false, hex(SPS));
        deliver(depacketizer, 3, 0, false, hex(PPS));
        deliver(depacketizer, 4, 0, false, hex(idr(8)));
        deliver(depacketizer, 5, 3000, false, hex(trail(1)));
        deliver(depacketizer, 6, 6000, false, hex(trail(2)));
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 3000L);
        assertThat(units).extracting(AccessUnit::isKeyframe).containsExactly(true, false);
    }

    @Test
    void lossInsideAFragmentedUnitDropsUntilTheNextIrap() {
        keyframe(1, 0);
        List<byte[]> fragments = fu(trail(1) + "00112233445566", 4);
        deliver(depacketizer, 2, 3000, false, fragments.get(0));
        depacketizer.onLoss();
        deliver(depacketizer, 4, 3000, true, fragments.getLast());
        deliver(depacketizer, 5, 6000, true, hex(trail(2)));
        keyframe(6, 9000);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 9000L);
        assertThat(depacketizer.counters().droppedBroken()).isEqualTo(1);
        assertThat(depacketizer.counters().droppedAwaitingKey()).isEqualTo(1);
    }

    @Test
    void parameterSetsFromSdpArePrependedToAnIrapThatLacksThem() {
        Base64.Encoder b64 = Base64.getEncoder();
        depacketizer = create(Map.of("sprop-vps", b64.encodeToString(hex(VPS)), "sprop-sps",
                b64.encodeToString(hex(SPS)), "sprop-pps", b64.encodeToString(hex(PPS))));
        assertThat(depacketizer.description().width()).isEqualTo(1920);
        deliver(depacketizer, 1, 0, true, hex(idr(10)));
        assertThat(nals(units.getFirst())).containsExactly(VPS, SPS, PPS, idr(10));
    }

    @Test
    void inBandSpsChangeMakesANewDescription() {
        keyframe(1, 0);
        deliver(depacketizer, 2, 3000, true, ap(VPS, SPS, PPS, idr(30)));
        deliver(depacketizer, 3, 6000, true, ap(VPS, SPS_720, PPS, idr(30)));
        assertThat(units.get(1).description()).isSameAs(units.get(0).description());
        assertThat(units.get(2).description().width()).isEqualTo(1280);
        assertThat(units.get(2).description().height()).isEqualTo(720);
    }

    @Test
    void paciPacketsAreIgnoredAndCounted() {
        keyframe(1, 0);
        deliver(depacketizer, 2, 3000, true, hex("6401 0000 0201"));
        assertThat(depacketizer.counters().ignoredPackets()).isEqualTo(1);
    }

    @Test
    void malformedPayloadsRaiseFormatError() {
        assertThatThrownBy(() -> deliver(depacketizer, 1, 0, true, hex("60 01 00ff 2601")))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(depacketizer, 2, 0, true, hex("6201")))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> deliver(depacketizer, 3, 0, true, hex("26")))
                .isInstanceOf(RtpFormatException.class);
    }

    @Test
    void decodingOrderNumbersAreRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> create(Map.of("sprop-max-don-diff", "2")))
                .isInstanceOfSatisfying(UnsupportedPayloadException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("sprop-max-don-diff");
                    assertThat(e.value()).isEqualTo("2");
                });
        assertThat(create(Map.of("sprop-max-don-diff", "0"))).isNotNull();
    }
}
