package io.xueliang.ingest.sip.codec;

import static io.xueliang.ingest.sip.codec.SipStreamDecoderTest.KEEPALIVE;
import static io.xueliang.ingest.sip.codec.SipStreamDecoderTest.OK;
import static io.xueliang.ingest.sip.codec.SipStreamDecoderTest.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.EncoderException;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipPacket;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class SipDatagramCodecTest {
    private static final InetSocketAddress DEVICE = new InetSocketAddress("192.168.1.64", 5060);
    private static final InetSocketAddress US = new InetSocketAddress("192.168.1.10", 5060);

    private final SipDatagramDecoder decoder = new SipDatagramDecoder(SipDecoderLimits.DEFAULTS);
    private final EmbeddedChannel ch = new EmbeddedChannel(decoder);

    private void receive(String text) {
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1), US, DEVICE));
    }

    @Test
    void eachDatagramIsOneMessageWithItsSender() {
        receive(KEEPALIVE);
        receive(OK);
        SipPacket first = ch.readInbound();
        SipPacket second = ch.readInbound();
        assertThat(first.peer()).isEqualTo(DEVICE);
        assertThat(first.message().callId()).isEqualTo("ka-1");
        assertThat(second.message()).isInstanceOf(SipResponse.class);
        assertThat(decoder.decoded()).isEqualTo(2);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        receive(KEEPALIVE.replace("Content-Length: 9\r\n", "") + "\r\n<more/>");
        SipPacket p = ch.readInbound();
        assertThat(new String(p.message().body(), StandardCharsets.US_ASCII)).isEqualTo("<Notify/>\r\n<more/>");
    }

    @Test
    void headWithoutBlankLineIsTakenAsIs() {
        receive(OK.substring(0, OK.length() - 2));
        SipPacket p = ch.readInbound();
        assertThat(p.message().callId()).isEqualTo("ok-1");
    }

    @Test
    void keepAliveDatagramsAreCountedAndDropped() {
        receive("\r\n\r\n");
        receive("\n");
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(decoder.keepalives()).isEqualTo(2);
    }

    @Test
    void badDatagramIsCountedDroppedAndTheChannelGoesOn() {
        receive("garbage\r\n\r\n");
        receive(OK.replace("CSeq: 2 MESSAGE\r\n", ""));
        receive(KEEPALIVE.replace("Content-Length: 9", "Content-Length: 90"));
        receive(OK);
        InvalidSipPacket invalid = ch.readInbound();
        assertThat(invalid.sender()).isEqualTo(DEVICE);
        assertThat(invalid.cause().getMessage()).contains("beyond the datagram");
        assertThat(invalid.cause().request()).hasValueSatisfying(r -> assertThat(r.callId()).isEqualTo("ka-1"));
        SipPacket good = ch.readInbound();
        assertThat(good.message().callId()).isEqualTo("ok-1");
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(decoder.malformed()).isEqualTo(3);
        assertThat(decoder.decoded()).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void invalidRequestIsAnsweredBadRequest() {
        receive(KEEPALIVE.replace("Content-Length: 9", "Content-Length: 90"));
        InvalidSipPacket invalid = ch.readInbound();
        assertThat(invalid.cause().answerable()).isTrue();
        SipResponse answer = SipResponse.answer(invalid.cause().request().orElseThrow(), invalid.sender(), 400,
                null, "t");
        assertThat(answer.reason()).isEqualTo("Bad Request");
        assertThat(answer.topVia().rport()).hasValue(5060);
        assertThat(answer.callId()).isEqualTo("ka-1");
    }

    @Test
    void oversizedDatagramWithoutContentLengthIsALimit() {
        SipDecoderLimits small = new SipDecoderLimits(1024, 4096, 64, 8192, 8);
        assertThatThrownBy(() -> SipDatagramDecoder.decode(Unpooled.wrappedBuffer(ascii(
                KEEPALIVE.replace("Content-Length: 9\r\n", ""))), small))
                .hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> SipDatagramDecoder.decode(Unpooled.wrappedBuffer(ascii("X".repeat(9000))), SipDecoderLimits.DEFAULTS))
                .hasMessageContaining("maxHeaderBytes");
    }

    @Test
    void encoderWritesOneDatagramPerPacketWithComputedContentLength() {
        SipIdentifiers ids = new SipIdentifiers(new Random(7));
        SipRequest message = ids.request(SipRequest.MESSAGE, SipUri.parse("sip:34020000001320000001@3402000000"),
                        "UDP", "192.168.1.10", 5060,
                        NameAddress.parse("<sip:34020000002000000001@3402000000>"),
                        NameAddress.parse("<sip:34020000001320000001@3402000000>"), null)
                .cseq(11)
                .body(SipContentType.MANSCDP, "<Query/>".getBytes(StandardCharsets.US_ASCII))
                .build();
        message.headers().add("Content-Length", "999"); // stale: the encoder writes the true one
        EmbeddedChannel out = new EmbeddedChannel(new SipDatagramEncoder());
        out.writeOutbound(new SipPacket(message, DEVICE));
        DatagramPacket d = out.readOutbound();
        assertThat(d.recipient()).isEqualTo(DEVICE);
        String wire = d.content().toString(StandardCharsets.US_ASCII);
        assertThat(wire).startsWith("MESSAGE sip:34020000001320000001@3402000000 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.10:5060;rport;branch=z9hG4bK")
                .contains("\r\nMax-Forwards: 70\r\n", "\r\nCSeq: 11 MESSAGE\r\n", "\r\nContent-Type: Application/MANSCDP+xml\r\n")
                .endsWith("\r\nContent-Length: 8\r\n\r\n<Query/>")
                .doesNotContain("999");
        SipMessage back = SipDatagramDecoder.decode(d.content(), SipDecoderLimits.DEFAULTS);
        assertThat(back.headers().toString()).isEqualTo(message.headers().copy().set("Content-Length", "8").toString());
        assertThat(back.body()).isEqualTo(message.body());
        d.release();
        assertThat(out.finish()).isFalse();
    }

    @Test
    void encoderRefusesHeaderInjection() {
        SipResponse r = new SipResponse(200, "OK", new SipHeaders().add("Subject", "a\r\nVia: forged"));
        EmbeddedChannel out = new EmbeddedChannel(new SipEncoder());
        assertThatThrownBy(() -> out.writeOutbound(r)).isInstanceOf(EncoderException.class);
        out.finishAndReleaseAll();
    }

    @Test
    void streamEncoderRoundTripsThroughTheStreamDecoder() {
        EmbeddedChannel out = new EmbeddedChannel(new SipEncoder());
        SipResponse ok = (SipResponse) SipDatagramDecoder.decode(Unpooled.wrappedBuffer(ascii(OK)), SipDecoderLimits.DEFAULTS);
        SipRequest ka = (SipRequest) SipDatagramDecoder.decode(Unpooled.wrappedBuffer(ascii(KEEPALIVE)), SipDecoderLimits.DEFAULTS);
        out.writeOutbound(ok, ka);
        EmbeddedChannel in = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        ByteBuf b;
        while ((b = out.readOutbound()) != null) {
            in.writeInbound(b);
        }
        SipResponse ok2 = in.readInbound();
        SipRequest ka2 = in.readInbound();
        assertThat(ok2.headers().toString()).isEqualTo(ok.headers().toString());
        assertThat(ka2.body()).isEqualTo(ka.body());
        assertThat(in.finish()).isFalse();
        assertThat(out.finish()).isFalse();
    }
}
