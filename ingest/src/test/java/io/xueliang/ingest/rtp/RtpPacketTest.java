package io.xueliang.ingest.rtp;

import static io.xueliang.ingest.rtp.RtpPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.RtpFormatException.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

    static Stream<Arguments> validPackets() {
        return Stream.of(
                Arguments.of("plain", "80 60 0001 00000002 11223344 aabbcc", false, 96, 1, 2L, 0, "aabbcc"),
                Arguments.of("marker and high fields", "80 e0 ffff ffffffff ffffffff 01", true, 96, 65535,
                        0xffffffffL, 0, "01"),
                Arguments.of("two CSRCs", "82 08 0010 00000020 00000001 0000000a 0000000b 7f", false, 8, 16, 32L, 2,
                        "7f"),
                Arguments.of("header extension skipped", "90 60 0001 00000002 00000003 bede 0002 01020304 05060708 cafe",
                        false, 96, 1, 2L, 0, "cafe"),
                Arguments.of("padding removed", "a0 60 0001 00000002 00000003 cafe 000003", false, 96, 1, 2L, 0,
                        "cafe"),
                Arguments.of("CSRC, extension and padding", "b1 e0 0001 00000002 00000003 00000004 0001 0001 aaaaaaaa"
                        + " 1122 0002", true, 96, 1, 2L, 1, "1122"),
                Arguments.of("empty payload", "80 60 0001 00000002 00000003", false, 96, 1, 2L, 0, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPackets")
    void parsesHeaderAndPayloadSlice(String name, String bytes, boolean marker, int pt, int seq, long ts, int cc,
            String payload) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(bytes));
        try {
            RtpPacket p = RtpPacket.parse(buf);
            assertThat(p.marker()).isEqualTo(marker);
            assertThat(p.payloadType()).isEqualTo(pt);
            assertThat(p.sequenceNumber()).isEqualTo(seq);
            assertThat(p.timestamp()).isEqualTo(ts);
            assertThat(p.csrcCount()).isEqualTo(cc);
            byte[] got = new byte[p.payload().readableBytes()];
            p.payload().getBytes(p.payload().readerIndex(), got);
            assertThat(hex(got)).isEqualTo(payload.replace(" ", ""));
            assertThat(buf.readerIndex()).as("indexes untouched").isZero();
            assertThat(buf.refCnt()).as("not retained").isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformedPackets() {
        return Stream.of(
                Arguments.of("empty", "", Problem.TRUNCATED_HEADER),
                Arguments.of("truncated header", "80 60 0001 00000002 112233", Problem.TRUNCATED_HEADER),
                Arguments.of("version 1", "40 60 0001 00000002 11223344", Problem.BAD_VERSION),
                Arguments.of("version 0", "00 60 0001 00000002 11223344 00", Problem.BAD_VERSION),
                Arguments.of("CSRC count beyond length", "8f 60 0001 00000002 11223344 00000001", Problem.CSRC_BEYOND_END),
                Arguments.of("extension header cut", "90 60 0001 00000002 11223344 bede", Problem.EXTENSION_BEYOND_END),
                Arguments.of("extension length beyond packet", "90 60 0001 00000002 11223344 bede ffff 00000000",
                        Problem.EXTENSION_BEYOND_END),
                Arguments.of("padding larger than payload", "a0 60 0001 00000002 11223344 aa 05", Problem.BAD_PADDING),
                Arguments.of("padding count zero", "a0 60 0001 00000002 11223344 aa 00", Problem.BAD_PADDING),
                Arguments.of("padding flag without payload", "a0 60 0001 00000002 11223344", Problem.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPackets")
    void rejectsMalformedPacketWithItsProblem(String name, String bytes, Problem problem) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(bytes));
        try {
            assertThatThrownBy(() -> RtpPacket.parse(buf))
                    .isInstanceOfSatisfying(RtpFormatException.class, e -> assertThat(e.problem()).isEqualTo(problem));
        } finally {
            buf.release();
        }
    }

    @Test
    void everyTruncationOfAComplexPacketEitherParsesOrRaisesFormatError() {
        byte[] full = hex("b1 e0 0001 00000002 00000003 00000004 0001 0002 aaaaaaaa bbbbbbbb 1122 0002");
        for (int len = 0; len <= full.length; len++) {
            ByteBuf buf = Unpooled.wrappedBuffer(full, 0, len);
            try {
                RtpPacket.parse(buf);
                assertThat(len).as("only the whole packet parses").isEqualTo(full.length);
            } catch (RtpFormatException expected) {
                assertThat(len).isLessThan(full.length);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void parsesFromReaderIndexOfALargerBuffer() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(hex("ffff"));
        buf.writeBytes(hex("80 60 0005 00000006 00000007 0102"));
        buf.readerIndex(2);
        try {
            RtpPacket p = RtpPacket.parse(buf);
            assertThat(p.sequenceNumber()).isEqualTo(5);
            assertThat(p.payload().readableBytes()).isEqualTo(2);
            assertThat(p.payload().getByte(p.payload().readerIndex())).isEqualTo((byte) 1);
        } finally {
            buf.release();
        }
    }
}
