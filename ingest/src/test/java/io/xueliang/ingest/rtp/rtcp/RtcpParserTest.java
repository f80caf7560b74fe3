package io.xueliang.ingest.rtp.rtcp;

import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpFormatException.Problem;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpParserTest {
    /** SR of SSRC 11223344: NTP 0xe8b1c2d3.80000000, RTP 90000, 100 packets, 100000 octets. */
    static final String SR = "80 c8 0006 11223344 e8b1c2d3 80000000 00015f90 00000064 000186a0";
    /** SDES, one chunk: CNAME "cam" then the terminator padded to 32 bits. */
    static final String SDES = "81 ca 0003 11223344 01 03 63616d 00 0000";
    static final String APP = "80 cc 0002 11223344 6e616d65";
    static final String BYE = "81 cb 0003 11223344 04 646f6e65 000000";

    private static List<RtcpPacket> parse(String bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(bytes));
        try {
            return RtcpParser.parse(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void parsesSenderReportFields() {
        List<RtcpPacket> packets = parse(SR);
        assertThat(packets).hasSize(1);
        RtcpSenderReport sr = (RtcpSenderReport) packets.getFirst();
        assertThat(sr.ssrc()).isEqualTo(0x11223344L);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xe8b1c2d380000000L);
        assertThat(sr.ntpInstant()).isEqualTo(Instant.parse("2023-09-17T18:24:19.5Z"));
        assertThat(sr.ntpMiddle32()).isEqualTo(0xc2d38000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(90_000);
        assertThat(sr.packetCount()).isEqualTo(100);
        assertThat(sr.octetCount()).isEqualTo(100_000);
        assertThat(sr.reports()).isEmpty();
    }

    @Test
    void parsesCompoundAndSkipsUnknownTypes() {
        List<RtcpPacket> packets = parse(SR + APP + SDES + BYE);
        assertThat(packets).hasSize(3);
        assertThat(packets.get(1)).isEqualTo(new RtcpSourceDescription(
                List.of(new RtcpSourceDescription.Chunk(0x11223344L, "cam"))));
        assertThat(packets.get(2)).isEqualTo(new RtcpBye(List.of(0x11223344L), "done"));
    }

    @Test
    void parsesReceiverReportBlockWithNegativeCumulativeLoss() {
        List<RtcpPacket> packets = parse("81 c9 0007 aaaaaaaa 11223344 10 fffffe 00010005 00000020 c2d38000 00018000");
        assertThat(packets).containsExactly(new RtcpReceiverReport(0xaaaaaaaaL, List.of(
                new RtcpReportBlock(0x11223344L, 16, -2, 0x10005L, 32, 0xc2d38000L, 0x18000L))));
    }

    @Test
    void parsesSdesWithSeveralItemsAndChunks() {
        // chunk 1: NAME "x" then CNAME "ab", end, pad; chunk 2: CNAME "c", end, pad.
        List<RtcpPacket> packets = parse("82 ca 0005 00000001 02 01 78 01 02 6162 00 00000002 01 01 63 00");
        assertThat(packets).containsExactly(new RtcpSourceDescription(List.of(
                new RtcpSourceDescription.Chunk(1, "ab"), new RtcpSourceDescription.Chunk(2, "c"))));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("short header", "80 c8 00", Problem.TRUNCATED_HEADER),
                Arguments.of("version 1", "40 c8 0000", Problem.BAD_VERSION),
                Arguments.of("length beyond end", "80 c8 0006 11223344", Problem.RTCP_LENGTH_BEYOND_END),
                Arguments.of("SR report count beyond length", "81 c8 0006 11223344 e8b1c2d3 80000000 00015f90"
                        + " 00000064 000186a0", Problem.RTCP_COUNT_BEYOND_LENGTH),
                Arguments.of("RR count beyond length", "9f c9 0001 aaaaaaaa", Problem.RTCP_COUNT_BEYOND_LENGTH),
                Arguments.of("BYE count beyond length", "85 cb 0001 11223344", Problem.RTCP_COUNT_BEYOND_LENGTH),
                Arguments.of("SDES item beyond chunk", "81 ca 0002 11223344 01 09 6162", Problem.RTCP_COUNT_BEYOND_LENGTH),
                Arguments.of("SDES without terminator", "81 ca 0002 11223344 01 02 6162", Problem.RTCP_COUNT_BEYOND_LENGTH),
                Arguments.of("padding beyond packet", "a0 c9 0001 aaaaaaaa", Problem.BAD_PADDING),
                Arguments.of("second packet cut", SR + "80 c9", Problem.TRUNCATED_HEADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedCompound(String name, String bytes, Problem problem) {
        assertThatThrownBy(() -> parse(bytes))
                .isInstanceOfSatisfying(RtpFormatException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void everyTruncationOfACompoundPacketRaisesFormatErrorOrParsesWholePackets() {
        byte[] full = hex(SR + APP + SDES + BYE);
        for (int len = 0; len < full.length; len++) {
            ByteBuf buf = Unpooled.wrappedBuffer(full, 0, len);
            try {
                List<RtcpPacket> packets = RtcpParser.parse(buf);
                assertThat(len).as("only cuts between packets parse").isIn(0, 28, 40, 56);
                assertThat(packets.size()).isLessThan(3);
            } catch (RtpFormatException expected) {
                assertThat(len).isNotIn(0, 28, 40, 56);
            } finally {
                buf.release();
            }
        }
    }
}
