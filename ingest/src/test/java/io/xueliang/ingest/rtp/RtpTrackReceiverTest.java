package io.xueliang.ingest.rtp;

import static io.xueliang.ingest.rtp.RtpPackets.concat;
import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.rtcp.RtcpPacket;
import io.xueliang.ingest.rtp.rtcp.RtcpParser;
import io.xueliang.ingest.rtp.rtcp.RtcpReceiverReport;
import io.xueliang.ingest.rtp.rtcp.RtcpReportBlock;
import io.xueliang.ingest.rtp.rtcp.RtcpSenderReport;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtpTrackReceiverTest {
    static final String SPS = "67640028acd940780227e5c044000003000400000300c83c60c658";
    static final String PPS = "68ebe3cb22c0";
    static final long CAMERA_SSRC = 0x5555L;

    private final FakeClock time = new FakeClock();
    private final Instant t0 = time.instant();
    private final List<AccessUnit> units = new ArrayList<>();
    private final RtpTrackReceiver receiver = new RtpTrackReceiver(
            Depacketizers.create(CameraId.of("cam1"), "h264", 90_000, 1, Map.of("packetization-mode", "1"), 1 << 20,
                    units::add),
            90_000, time, 0xabcdL, "xueliang");

    private RtpSequenceTracker.Verdict rtp(long ssrc, int seq, long ts, boolean marker, byte[] payload) {
        ByteBuf b = RtpPackets.packet(96, seq & 0xffff, ts & 0xffff_ffffL, ssrc, marker, payload);
        try {
            return receiver.onRtp(b);
        } finally {
            b.release();
        }
    }

    private void keyframe(long ssrc, int seq, long ts) {
        rtp(ssrc, seq, ts, true, concat(hex("18"), hex("001b"), hex(SPS), hex("0006"), hex(PPS), hex("0004 65880011")));
    }

    private void frame(long ssrc, int seq, long ts) {
        rtp(ssrc, seq, ts, true, hex("419a0102"));
    }

    private void rtcp(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        try {
            receiver.onRtcp(b);
        } finally {
            b.release();
        }
    }

    private static byte[] senderReport(long ssrc, Instant ntp, long rtpTs) {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeBytes(hex("80c80006"));
            b.writeInt((int) ssrc);
            b.writeLong(RtcpSenderReport.instantToNtp(ntp));
            b.writeInt((int) rtpTs);
            b.writeInt(10);
            b.writeInt(1000);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    private RtcpReportBlock receiverReportBlock() {
        ByteBuf out = Unpooled.buffer();
        try {
            receiver.writeReceiverReport(out);
            List<RtcpPacket> packets = RtcpParser.parse(out);
            return ((RtcpReceiverReport) packets.getFirst()).reports().getFirst();
        } finally {
            out.release();
        }
    }

    @Test
    void ptsStaysMonotonicAcrossTheTimestampWrapAndWallClockFollowsArrivalOfTheFirstPacket() {
        long ts = 0xffff_ffffL - 3 * 3600;
        keyframe(CAMERA_SSRC, 65534, ts);
        for (int i = 1; i <= 6; i++) {
            time.advance(Duration.ofMillis(40));
            frame(CAMERA_SSRC, 65534 + i, ts + i * 3600L);
        }
        assertThat(units).hasSize(7);
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).isEqualTo(3600);
            assertThat(units.get(i).wallClock()).isEqualTo(t0.plusMillis(40L * i));
        }
        assertThat(receiver.tracker().extendedHighestSequence()).isEqualTo(65540);
    }

    @Test
    void senderReportAnchorsWallClockAndFeedsTheReceiverReport() {
        keyframe(CAMERA_SSRC, 1, 90_000);
        Instant cameraClock = t0.minusSeconds(3); // camera clock 3 s behind ours
        rtcp(senderReport(CAMERA_SSRC, cameraClock, 90_000));
        time.advance(Duration.ofMillis(500));
        frame(CAMERA_SSRC, 2, 90_000 + 45_000);
        assertThat(units.getLast().wallClock()).isEqualTo(cameraClock.plusMillis(500));

        RtcpReportBlock block = receiverReportBlock();
        assertThat(block.ssrc()).isEqualTo(CAMERA_SSRC);
        assertThat(block.lastSenderReport()).isEqualTo((RtcpSenderReport.instantToNtp(cameraClock) >>> 16) & 0xffff_ffffL);
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(32_768); // 0.5 s in 1/65536 s
        assertThat(block.extendedHighestSequence()).isEqualTo(2);
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void senderReportBeforeTheFirstPacketIsAppliedWhenItArrives() {
        Instant cameraClock = t0.minusSeconds(3); // camera clock 3 s behind ours
        rtcp(senderReport(CAMERA_SSRC, cameraClock, 0));
        keyframe(CAMERA_SSRC, 1, 9_000);
        assertThat(units.getFirst().wallClock()).isEqualTo(cameraClock.plusMillis(100));
    }

    @Test
    void senderReportFromACameraWithAWrongClockDoesNotMoveWallClockButFeedsTheReport() {
        keyframe(CAMERA_SSRC, 1, 90_000);
        rtcp(hex("80c80006 00005555 00000000 00000000 00015f90 0000000a 000003e8")); // NTP time unset
        rtcp(senderReport(CAMERA_SSRC, t0.minus(Duration.ofHours(8)), 90_000)); // time zone set wrong
        time.advance(Duration.ofMillis(40));
        frame(CAMERA_SSRC, 2, 90_000 + 3600);
        assertThat(units.getLast().wallClock()).isEqualTo(t0.plusMillis(40));
        assertThat(receiver.senderReportsIgnored()).isEqualTo(2);
        assertThat(receiverReportBlock().lastSenderReport()).isNotZero();
    }

    @Test
    void sequenceGapDropsUntilTheNextKeyframeAndIsReported() {
        keyframe(CAMERA_SSRC, 1, 0);
        frame(CAMERA_SSRC, 2, 3600);
        assertThat(rtp(CAMERA_SSRC, 5, 3600 * 4, true, hex("419a0102"))).isEqualTo(RtpSequenceTracker.Verdict.GAP);
        frame(CAMERA_SSRC, 6, 3600 * 5);
        keyframe(CAMERA_SSRC, 7, 3600 * 6);
        assertThat(units).extracting(AccessUnit::pts90k).containsExactly(0L, 3600L, 3600L * 6);
        assertThat(receiver.depacketizer().counters().droppedAwaitingKey()).isEqualTo(2);
        RtcpReportBlock block = receiverReportBlock();
        assertThat(block.cumulativeLost()).isEqualTo(2);
        assertThat(block.fractionLost()).isEqualTo((2 << 8) / 7);
    }

    @Test
    void ssrcChangeKeepsPtsMonotonicAndWaitsForAKeyframe() {
        keyframe(CAMERA_SSRC, 100, 3_000_000_000L);
        time.advance(Duration.ofMillis(40));
        frame(CAMERA_SSRC, 101, 3_000_003_600L);
        time.advance(Duration.ofSeconds(2));
        assertThat(rtp(0x7777L, 9, 1000, true, hex("419a0102"))).isEqualTo(RtpSequenceTracker.Verdict.SSRC_CHANGED);
        keyframe(0x7777L, 10, 4600);
        assertThat(units).hasSize(3);
        long gap = units.get(2).pts90k() - units.get(1).pts90k();
        assertThat(gap).isEqualTo(2 * 90_000 + 3600);
        assertThat(receiver.tracker().ssrcChanges()).isEqualTo(1);
    }

    @Test
    void packetsInjectedWithAnotherSsrcAreNeverPublished() {
        // An attacker sends complete keyframes of its own (its SPS, PPS and IDR) between the camera's packets.
        byte[] injected = concat(hex("18"), hex("001b"), hex(SPS), hex("0006"), hex(PPS), hex("0005 6588ffeedd"));
        keyframe(CAMERA_SSRC, 100, 0);
        for (int i = 1; i <= 50; i++) {
            time.advance(Duration.ofMillis(20));
            assertThat(rtp(0x6666L, 7000 + i, 90_000L * i, true, injected)).isEqualTo(RtpSequenceTracker.Verdict.FOREIGN_SSRC);
            time.advance(Duration.ofMillis(20));
            frame(CAMERA_SSRC, 100 + i, 3600L * i);
        }
        assertThat(units).hasSize(51).noneSatisfy(u -> assertThat(u.copyPayload()).containsSequence(hex("6588ffeedd")));
        assertThat(units).extracting(AccessUnit::pts90k).isSorted();
        assertThat(receiver.tracker().foreignSsrcDrops()).isEqualTo(50);
        assertThat(receiver.tracker().ssrcChanges()).isZero();
    }

    @Test
    void duplicateAndLatePacketsAreNotDelivered() {
        keyframe(CAMERA_SSRC, 1, 0);
        frame(CAMERA_SSRC, 3, 7200);
        assertThat(rtp(CAMERA_SSRC, 3, 7200, true, hex("419a0102"))).isEqualTo(RtpSequenceTracker.Verdict.DUPLICATE);
        assertThat(rtp(CAMERA_SSRC, 2, 3600, true, hex("419a0102"))).isEqualTo(RtpSequenceTracker.Verdict.LATE);
        assertThat(receiver.packets()).isEqualTo(2);
    }
}
