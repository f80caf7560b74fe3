package io.xueliang.ingest.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
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
class SipStreamDecoderTest {

    static final String KEEPALIVE = "MESSAGE sip:34020000002000000001@3402000000 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.168.1.64:5060;rport;branch=z9hG4bK1\r\n"
            + "From: <sip:34020000001320000001@3402000000>;tag=1\r\n"
            + "To: <sip:34020000002000000001@3402000000>\r\n"
            + "Call-ID: ka-1\r\nCSeq: 7 MESSAGE\r\nContent-Type: Application/MANSCDP+xml\r\nContent-Length: 9\r\n\r\n<Notify/>";
    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TCP 192.168.1.10:5060;branch=z9hG4bK2\r\n"
            + "From: <sip:34020000002000000001@3402000000>;tag=a\r\n"
            + "To: <sip:34020000001320000001@3402000000>;tag=b\r\n"
            + "Call-ID: ok-1\r\nCSeq: 2 MESSAGE\r\nContent-Length: 0\r\n\r\n";

    /** One table for whole-input and every-slice-size decoding, and for the fuzz seeds. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("request with body", ascii(KEEPALIVE), List.of("MESSAGE ka-1 9")),
                Arguments.of("response without body", ascii(OK), List.of("200 ok-1 0")),
                Arguments.of("several messages in one buffer", ascii(KEEPALIVE + OK + KEEPALIVE),
                        List.of("MESSAGE ka-1 9", "200 ok-1 0", "MESSAGE ka-1 9")),
                Arguments.of("CRLF keep-alives before, between and after", ascii("\r\n\r\n" + KEEPALIVE + "\r\n\r\n" + OK + "\r\n"),
                        List.of("MESSAGE ka-1 9", "200 ok-1 0")),
                Arguments.of("LF-only message", ascii(OK.replace("\r\n", "\n")), List.of("200 ok-1 0")),
                Arguments.of("body holding a blank line", ascii(KEEPALIVE.replace("Content-Length: 9", "Content-Length: 11")
                        .replace("<Notify/>", "<a>\r\n\r\n</a>")), List.of("MESSAGE ka-1 11")),
                Arguments.of("keep-alives only", ascii("\r\n\r\n\r\n\r\n"), List.of()));
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

    static Stream<Arguments> failures() {
        SipDecoderLimits small = new SipDecoderLimits(80, 100, 8, 400, 16);
        String longUri = "MESSAGE sip:" + "1".repeat(100) + "@3402000000 SIP/2.0\r\n";
        return Stream.of(
                Arguments.of("start line too long", small, ascii(longUri + "Via: x\r\n\r\n"), "maxStartLineBytes", false),
                Arguments.of("start line too long, no line end yet", small, ascii("MESSAGE " + "x".repeat(300)), "maxStartLineBytes", false),
                Arguments.of("header line too long", small, ascii(OK.replace("Call-ID: ok-1", "Call-ID: " + "c".repeat(120))),
                        "maxHeaderLineBytes", false),
                Arguments.of("folded header too long", small, ascii(OK.replace("Call-ID: ok-1", "Call-ID: ok-1\r\n " + "c".repeat(60)
                        + "\r\n " + "c".repeat(60))), "maxHeaderLineBytes", false),
                Arguments.of("too many headers", small, ascii(OK.replace("Content-Length: 0", "A: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0")),
                        "maxHeaders", false),
                Arguments.of("header section too long", small, ascii(OK.replace("Content-Length: 0",
                        "X: " + "x".repeat(90) + "\r\nY: " + "y".repeat(90) + "\r\nContent-Length: 0")), "maxHeaderBytes", false),
                Arguments.of("body too long, request answerable", small, ascii(KEEPALIVE.replace("Content-Length: 9", "Content-Length: 17")),
                        "maxBodyBytes", true),
                Arguments.of("no Content-Length on a stream", SipDecoderLimits.DEFAULTS,
                        ascii(KEEPALIVE.replace("Content-Length: 9\r\n", "")), "no Content-Length", true),
                Arguments.of("bad Content-Length", SipDecoderLimits.DEFAULTS, ascii(OK.replace("Content-Length: 0", "Content-Length: -1")),
                        "bad Content-Length", false),
                Arguments.of("huge Content-Length", SipDecoderLimits.DEFAULTS,
                        ascii(OK.replace("Content-Length: 0", "Content-Length: 99999999999999")), "bad Content-Length", false),
                Arguments.of("missing Call-ID", SipDecoderLimits.DEFAULTS, ascii(KEEPALIVE.replace("Call-ID: ka-1\r\n", "")),
                        "missing Call-ID", false),
                Arguments.of("CSeq method differs", SipDecoderLimits.DEFAULTS, ascii(KEEPALIVE.replace("7 MESSAGE", "7 INVITE")),
                        "CSeq method", true),
                Arguments.of("bad status line", SipDecoderLimits.DEFAULTS, ascii(OK.replace("200 OK", "2x0 OK")), "bad status", false),
                Arguments.of("RTSP instead of SIP", SipDecoderLimits.DEFAULTS, ascii("OPTIONS rtsp://h/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                        "bad request line", false),
                Arguments.of("binary garbage", SipDecoderLimits.DEFAULTS, new byte[] {0, 1, 2, '\n', '\n'}, "bad request line", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsOnceAndDropsTheRest(String name, SipDecoderLimits limits, byte[] input, String message, boolean answerable) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(limits));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(input)))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.answerable()).as("answerable").isEqualTo(answerable))
                .hasMessageContaining(message);
        // later bytes, even a valid message, are ignored: the connection is over
        ch.writeInbound(Unpooled.wrappedBuffer(ascii(OK)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void limitExceptionCarriesLimitAndSize() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(new SipDecoderLimits(80, 100, 8, 400, 16)));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(ascii(KEEPALIVE.replace("Content-Length: 9", "Content-Length: 500")))))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.limit()).contains("maxBodyBytes");
                    assertThat(e.allowed()).isEqualTo(16);
                    assertThat(e.actual()).isEqualTo(500);
                    assertThat(e.request()).hasValueSatisfying(r -> assertThat(r.callId()).isEqualTo("ka-1"));
                });
        ch.finishAndReleaseAll();
    }

    @Test
    void endlessHeadFailsAtTheLimitWithoutBufferingMore() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("MESSAGE sip:a@b SIP/2.0\r\n")));
        byte[] header = ascii("X-Pad: " + "p".repeat(100) + "\r\n");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                ch.writeInbound(Unpooled.wrappedBuffer(header));
            }
        }).isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.limit()).contains("maxHeaderBytes"));
        ch.finishAndReleaseAll();
    }

    @Test
    void truncatedMessageAtCloseYieldsNothingAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        byte[] whole = ascii(KEEPALIVE);
        ch.writeInbound(Unpooled.wrappedBuffer(whole, 0, whole.length - 3));
        assertThat(ch.finish()).isFalse();
    }

    static List<String> decode(byte[] input, int slice) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += slice) {
            ByteBuf b = Unpooled.buffer().writeBytes(input, i, Math.min(slice, input.length - i));
            ch.writeInbound(b);
            SipMessage m;
            while ((m = ch.readInbound()) != null) {
                out.add(describe(m));
            }
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    static String describe(SipMessage m) {
        String start = switch (m) {
            case SipRequest r -> r.method();
            case SipResponse r -> String.valueOf(r.status());
        };
        return start + " " + m.callId() + " " + m.body().length;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
