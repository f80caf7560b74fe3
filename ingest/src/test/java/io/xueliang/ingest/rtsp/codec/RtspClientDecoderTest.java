package io.xueliang.ingest.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NettyLeakCheck.class)
class RtspClientDecoderTest {

    /** One table feeds whole-input and every-slice-size decoding. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("options answer", ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n"),
                        List.of("response 200 OK cseq=1 body=")),
                Arguments.of("describe answer with body", ascii("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 5\r\n\r\nv=0\r\n"),
                        List.of("response 200 OK cseq=2 body=v=0\r\n")),
                Arguments.of("header names any case", ascii("RTSP/1.0 200 OK\r\ncseq: 3\r\nCONTENT-LENGTH: 2\r\n\r\nab"),
                        List.of("response 200 OK cseq=3 body=ab")),
                Arguments.of("bare LF line ends", ascii("RTSP/1.0 404 Not Found\nCSeq: 4\n\n"),
                        List.of("response 404 Not Found cseq=4 body=")),
                Arguments.of("status without reason", ascii("RTSP/1.0 200\r\nCSeq: 5\r\n\r\n"),
                        List.of("response 200  cseq=5 body=")),
                Arguments.of("interleaved frames around a response", concat(frame(0, 12), ascii("RTSP/1.0 200 OK\r\nCSeq: 6\r\n\r\n"), frame(1, 28)),
                        List.of("frame 0 12", "response 200 OK cseq=6 body=", "frame 1 28")),
                Arguments.of("empty frame", concat(frame(2, 0), frame(3, 1)),
                        List.of("frame 2 0", "frame 3 1")),
                Arguments.of("request from camera", ascii("GET_PARAMETER rtsp://10.0.0.5/live RTSP/1.0\r\nCSeq: 77\r\nSession: 1234\r\n\r\n"),
                        List.of("request GET_PARAMETER rtsp://10.0.0.5/live cseq=77 body=")),
                Arguments.of("stray bytes before a frame are skipped", concat(ascii("\r\n\0\0xyz"), frame(0, 4)),
                        List.of("frame 0 4")),
                Arguments.of("stray bytes after a frame before a response", concat(frame(0, 3), ascii("\0\0\0\0"), ascii("RTSP/1.0 200 OK\r\nCSeq: 9\r\n\r\n")),
                        List.of("frame 0 3", "response 200 OK cseq=9 body=")),
                Arguments.of("folded header line", ascii("RTSP/1.0 200 OK\r\nCSeq: 10\r\nPublic: OPTIONS,\r\n DESCRIBE\r\n\r\n"),
                        List.of("response 200 OK cseq=10 body=")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesWholeInput(String name, byte[] input, List<String> expected) {
        assertThat(decode(input, input.length)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesEverySliceSize(String name, byte[] input, List<String> expected) {
        for (int slice = 1; slice <= input.length; slice++) {
            assertThat(decode(input, slice)).as("slice %d", slice).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void maximalFrameOf65535BytesDecodesWholeAndInChunks() {
        byte[] input = concat(frame(3, 65535), frame(4, 2));
        for (int slice : new int[] {input.length, 1000, 4096, 65539}) {
            assertThat(decode(input, slice)).as("slice %d", slice).containsExactly("frame 3 65535", "frame 4 2");
        }
    }

    @Test
    void foldedHeaderIsJoinedToThePreviousValue() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS,\r\n DESCRIBE\r\n\r\n")));
        RtspResponse r = ch.readInbound();
        assertThat(r.headers().get("public")).contains("OPTIONS, DESCRIBE");
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> failures() {
        RtspDecoderLimits small = new RtspDecoderLimits(64, 3, 10, 100, 8);
        return Stream.of(
                Arguments.of("header block too long", small, ascii("RTSP/1.0 200 OK\r\nX-Pad: " + "a".repeat(80) + "\r\n\r\n"),
                        "maxHeaderBytes"),
                Arguments.of("too many headers", small, ascii("RTSP/1.0 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
                        "maxHeaders"),
                Arguments.of("body too long", small, ascii("RTSP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n"),
                        "maxBodyBytes"),
                Arguments.of("interleaved frame too long", small, concat(new byte[] {'$', 0, 0, 101}),
                        "maxInterleavedBytes"),
                Arguments.of("garbage without resync", small, ascii("garbage garbage garbage"),
                        "no RTSP message"),
                Arguments.of("bad content length", small, ascii("RTSP/1.0 200 OK\r\nContent-Length: x\r\n\r\n"),
                        "bad Content-Length"),
                Arguments.of("bad status code", RtspDecoderLimits.DEFAULTS, ascii("RTSP/1.0 2x0 OK\r\n\r\n"),
                        "bad status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsOnceAndDropsTheRest(String name, RtspDecoderLimits limits, byte[] input, String message) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(limits));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(input)))
                .isInstanceOf(RtspDecoderException.class).hasMessageContaining(message);
        // later bytes, even valid ones, are ignored: the session is over
        ch.writeInbound(Unpooled.wrappedBuffer(frame(0, 4)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void limitExceptionCarriesLimitAndSize() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(new RtspDecoderLimits(64, 3, 10, 100, 8)));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(ascii("RTSP/1.0 200 OK\r\nContent-Length: 500\r\n\r\n"))))
                .isInstanceOfSatisfying(RtspLimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxBodyBytes");
                    assertThat(e.allowed()).isEqualTo(10);
                    assertThat(e.actual()).isEqualTo(500);
                })
                .isInstanceOf(DecoderException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void truncatedFrameAtCloseYieldsNothingAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        byte[] whole = frame(0, 100);
        ch.writeInbound(Unpooled.wrappedBuffer(whole, 0, 50));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encoderWritesRequestsAnswersAndFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientEncoder());
        ch.writeOutbound(new RtspRequest("OPTIONS", "rtsp://h/x", new RtspHeaders().add("CSeq", "1")));
        ch.writeOutbound(new RtspResponse(200, "OK", new RtspHeaders().add("CSeq", "7")));
        ch.writeOutbound(new InterleavedFrame(1, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        ch.writeOutbound(new RtspRequest("SET_PARAMETER", "rtsp://h/x", new RtspHeaders(), ascii("a: b\r\n")));
        assertThat(readAll(ch)).isEqualTo("OPTIONS rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\n\r\n"
                + "RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\n"
                + "$\u0001\u0000\u0003\u0001\u0002\u0003"
                + "SET_PARAMETER rtsp://h/x RTSP/1.0\r\nContent-Length: 6\r\n\r\na: b\r\n");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encodedRequestsDecodeBackThroughACameraLikeDecoder() {
        // Round trip: a request we encode is parsed by our own decoder as a camera request.
        EmbeddedChannel out = new EmbeddedChannel(new RtspClientEncoder());
        out.writeOutbound(new RtspRequest("DESCRIBE", "rtsp://h/x", new RtspHeaders().add("CSeq", "2").add("Accept", "application/sdp")));
        ByteBuf wire = out.readOutbound();
        EmbeddedChannel in = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        in.writeInbound(wire);
        RtspRequest r = in.readInbound();
        assertThat(r.method()).isEqualTo("DESCRIBE");
        assertThat(r.headers().get("accept")).contains("application/sdp");
        assertThat(in.finish()).isFalse();
        assertThat(out.finish()).isFalse();
    }

    static List<String> decode(byte[] input, int slice) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        for (int i = 0; i < input.length; i += slice) {
            ch.writeInbound(io.netty.buffer.ByteBufAllocator.DEFAULT.buffer().writeBytes(input, i, Math.min(slice, input.length - i)));
        }
        List<String> seen = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            seen.add(describe(msg));
        }
        assertThat(ch.finish()).isFalse();
        return seen;
    }

    static String describe(Object msg) {
        return switch (msg) {
            case RtspResponse r -> "response " + r.status() + " " + r.reason() + " cseq=" + r.cseq().orElse(-1) + " body=" + r.bodyText();
            case RtspRequest r -> "request " + r.method() + " " + r.uri() + " cseq=" + r.cseq().orElse(-1) + " body=" + r.bodyText();
            case InterleavedFrame f -> {
                String s = "frame " + f.channel() + " " + f.payload().readableBytes();
                for (int i = 0; i < f.payload().readableBytes(); i++) {
                    if (f.payload().getUnsignedByte(f.payload().readerIndex() + i) != ((i * 7) & 0xFF)) {
                        throw new AssertionError("payload byte " + i + " of " + s + " corrupted");
                    }
                }
                f.release();
                yield s;
            }
            default -> throw new AssertionError("unexpected " + msg);
        };
    }

    private static String readAll(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] frame(int channel, int length) {
        byte[] f = new byte[4 + length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (length >> 8);
        f[3] = (byte) length;
        for (int i = 0; i < length; i++) {
            f[4 + i] = (byte) (i * 7);
        }
        return f;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unused")
    private static String hex(ByteBuf b) {
        return ByteBufUtil.hexDump(b);
    }
}
