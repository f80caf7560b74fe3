package io.xueliang.ingest.rtp.rtcp;

import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpReceiverReportWriterTest {

    @Test
    void writesReceiverReportAndCnameInTheRfcLayout() {
        ByteBuf out = Unpooled.buffer();
        try {
            RtcpReportBlock block = new RtcpReportBlock(0x11223344L, 16, 5, 0x10005L, 32, 0xc2d38000L, 0x18000L);
            int n = RtcpReceiverReportWriter.write(out, 0xaaaaaaaaL, block, "xueliang");
            assertThat(n).isEqualTo(out.readableBytes());
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex(hex(
                    "81 c9 0007 aaaaaaaa 11223344 10 000005 00010005 00000020 c2d38000 00018000"
                            + " 81 ca 0004 aaaaaaaa 01 08 7875656c69616e67 0000")));
        } finally {
            out.release();
        }
    }

    @Test
    void writesEmptyReceiverReportBeforeAnyPacket() {
        ByteBuf out = Unpooled.buffer();
        try {
            RtcpReceiverReportWriter.write(out, 1, null, "abc");
            // "abc" + terminator fills the chunk exactly: 4 + 2 + 3 + 1 -> padded to 12.
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex(hex("80 c9 0001 00000001 81 ca 0003 00000001 01 03"
                    + " 616263 00 0000")));
        } finally {
            out.release();
        }
    }

    @Test
    void receiverReportRoundTripsThroughTheParserWithClampedLoss() {
        ByteBuf out = Unpooled.buffer();
        try {
            RtcpReportBlock block = new RtcpReportBlock(7, 255, 50_000_000, 0xffff_fffeL, 12345, 1, 2);
            RtcpReceiverReportWriter.write(out, 9, block, "c");
            List<RtcpPacket> parsed = RtcpParser.parse(out);
            assertThat(parsed).containsExactly(
                    new RtcpReceiverReport(9, List.of(new RtcpReportBlock(7, 255, 0x7fffff, 0xffff_fffeL, 12345, 1, 2))),
                    new RtcpSourceDescription(List.of(new RtcpSourceDescription.Chunk(9, "c"))));
        } finally {
            out.release();
        }
    }

    @Test
    void ntpConversionRoundTripsToTheNanosecondScale() {
        Instant t = Instant.parse("2026-11-22T08:00:00.123456789Z");
        Instant back = RtcpSenderReport.ntpToInstant(RtcpSenderReport.instantToNtp(t));
        assertThat(java.time.Duration.between(t, back).abs().toNanos()).isLessThanOrEqualTo(1);
    }
}
