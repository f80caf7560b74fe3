package io.xueliang.ingest.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.ingest.sip.codec.SipDatagramDecoder;
import io.xueliang.ingest.sip.codec.SipDecoderLimits;
import io.xueliang.ingest.sip.codec.SipStreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages as GB/T 28181 devices and platforms send them (golden/sip/, exact wire bytes), each decoded as a datagram
 * and, where it is framed for a stream, over TCP in every slice size; then checked for the quirk it is named after.
 */
@ExtendWith(NettyLeakCheck.class)
class SipGoldenTest {

    static byte[] wire(String name) throws IOException {
        try (InputStream in = SipGoldenTest.class.getResourceAsStream("/golden/sip/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Every golden file name, for the decoder and fuzz tests. */
    static Stream<String> names() {
        return Stream.of("compact_header_forms.txt", "dahua_register_digest_qop_auth.txt", "dvr_keepalive_lf_only.txt",
                "folded_header_line.txt", "hikvision_invite_200_ok_with_to_tag.txt",
                "hikvision_message_catalog_gb2312_body.txt", "hikvision_register_digest_without_qop.txt",
                "hikvision_register_without_authorization.txt", "lowercase_header_names.txt",
                "platform_invite_play_sdp.txt", "proxy_multiple_via.txt",
                "udp_trailing_garbage_after_content_length.txt", "uniview_via_without_rport.txt");
    }

    /** As a datagram, and (unless it only makes sense on UDP) as a stream whole and in every slice size: all agree. */
    static SipMessage decode(String name) throws IOException {
        byte[] bytes = wire(name);
        SipMessage datagram = SipDatagramDecoder.decode(Unpooled.wrappedBuffer(bytes), SipDecoderLimits.DEFAULTS);
        if (!name.startsWith("udp_")) {
            for (int slice = 1; slice <= bytes.length; slice++) {
                SipMessage streamed = stream(bytes, slice);
                assertThat(describe(streamed)).as("%s in slices of %d", name, slice).isEqualTo(describe(datagram));
            }
        }
        return datagram;
    }

    private static SipMessage stream(byte[] bytes, int slice) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        for (int i = 0; i < bytes.length; i += slice) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(slice, bytes.length - i)));
        }
        SipMessage m = ch.readInbound();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
        return m;
    }

    static String describe(SipMessage m) {
        String start = switch (m) {
            case SipRequest r -> r.method() + " " + r.uri();
            case SipResponse r -> r.status() + " " + r.reason();
        };
        return start + "\n" + m.headers() + "body " + java.util.HexFormat.of().formatHex(m.body());
    }

    @Test
    void hikvisionRegisterWithoutAuthorization() throws IOException {
        SipRequest r = (SipRequest) decode("hikvision_register_without_authorization.txt");
        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.requestUri().user()).isEqualTo("34020000002000000001");
        assertThat(r.requestUri().host()).isEqualTo("3402000000");
        assertThat(r.from().uri().user()).isEqualTo("34020000001320000001");
        assertThat(r.from().tag()).contains("1946386394");
        assertThat(r.to().tag()).isEmpty();
        assertThat(r.cseq()).isEqualTo(new CSeq(1, "REGISTER"));
        assertThat(r.expires()).hasValue(3600);
        assertThat(r.topVia().hasRport()).isTrue();
        assertThat(r.topVia().rport()).isEmpty();
        assertThat(r.topVia().branch()).contains("z9hG4bK1318254098");
        assertThat(r.contacts()).singleElement().satisfies(c -> assertThat(c.address().uri().port()).isEqualTo(5060));
        assertThat(r.headers().contains("Authorization")).isFalse();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void hikvisionDigestWithoutQop() throws IOException {
        SipRequest r = (SipRequest) decode("hikvision_register_digest_without_qop.txt");
        AuthChallenge auth = AuthChallenge.parse(r.headers().get("Authorization").orElseThrow()).getFirst();
        assertThat(auth.isDigest()).isTrue();
        assertThat(auth.param("username")).contains("34020000001320000001");
        assertThat(auth.param("realm")).contains("3402000000");
        assertThat(auth.param("qop")).isEmpty();
        assertThat(r.headers().toString()).contains("Authorization: ***").doesNotContain("4c5b8b2e");
    }

    @Test
    void dahuaDigestQopAuthWithoutSpacesAndRportAfterBranch() throws IOException {
        SipRequest r = (SipRequest) decode("dahua_register_digest_qop_auth.txt");
        AuthChallenge auth = AuthChallenge.parse(r.headers().get("Authorization").orElseThrow()).getFirst();
        assertThat(auth.param("qop")).contains("auth");
        assertThat(auth.param("nc")).contains("00000001");
        assertThat(auth.param("cnonce")).contains("0a4f113b");
        assertThat(r.topVia().hasRport()).isTrue();
        assertThat(r.topVia().branch()).contains("z9hG4bK667521395");
    }

    @Test
    void hikvisionCatalogBodyStaysGb2312Bytes() throws IOException {
        SipRequest r = (SipRequest) decode("hikvision_message_catalog_gb2312_body.txt");
        assertThat(r.contentType()).hasValueSatisfying(ct -> assertThat(ct.is("application/manscdp+xml")).isTrue());
        assertThat(r.body()).hasSize(Integer.parseInt(r.headers().get("Content-Length").orElseThrow()));
        String xml = r.bodyText(Charset.forName("GB2312"));
        assertThat(xml).contains("<Name>卡口摄像机1</Name>", "<SumNum>1</SumNum>");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("卡口");
    }

    @Test
    void platformInviteCarriesPsSdpAndSubject() throws IOException {
        SipRequest r = (SipRequest) decode("platform_invite_play_sdp.txt");
        assertThat(r.method()).isEqualTo("INVITE");
        assertThat(r.contentType()).hasValueSatisfying(ct -> assertThat(ct.is("application/sdp")).isTrue());
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).contains("a=rtpmap:96 PS/90000", "y=0340200001");
        assertThat(r.headers().get("Subject")).contains("34020000001320000001:0340200001,34020000002000000001:0");
    }

    @Test
    void inviteAnswerHasToTagAndFilledRport() throws IOException {
        SipResponse r = (SipResponse) decode("hikvision_invite_200_ok_with_to_tag.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.to().tag()).contains("1102416389");
        assertThat(r.topVia().rport()).hasValue(5060);
        assertThat(r.topVia().received()).contains("192.168.1.10");
        assertThat(r.cseq().method()).isEqualTo("INVITE");
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).contains("m=video 15060 RTP/AVP 96");
    }

    @Test
    void compactHeaderFormsReadAsLongOnes() throws IOException {
        SipRequest r = (SipRequest) decode("compact_header_forms.txt");
        assertThat(r.callId()).isEqualTo("compact-1@10.1.2.3");
        assertThat(r.topVia().host()).isEqualTo("10.1.2.3");
        assertThat(r.from().tag()).contains("55");
        assertThat(r.contentType()).hasValueSatisfying(ct -> assertThat(ct.is("Application/MANSCDP+xml")).isTrue());
        assertThat(r.headers().get("Content-Length")).contains(String.valueOf(r.body().length));
        assertThat(r.contacts()).hasSize(1);
    }

    @Test
    void foldedChallengeIsJoined() throws IOException {
        SipResponse r = (SipResponse) decode("folded_header_line.txt");
        AuthChallenge c = AuthChallenge.parse(r.headers().get("WWW-Authenticate").orElseThrow()).getFirst();
        assertThat(c.param("realm")).contains("4401000000");
        assertThat(c.param("nonce")).contains("6fa6b4d1e0c2");
        assertThat(c.param("algorithm")).contains("MD5");
    }

    @Test
    void lowercaseHeaderNames() throws IOException {
        SipResponse r = (SipResponse) decode("lowercase_header_names.txt");
        assertThat(r.cseq()).isEqualTo(new CSeq(21, "MESSAGE"));
        assertThat(r.callId()).isEqualTo("lower-1");
        assertThat(r.headers().get("User-Agent")).contains("NVR");
    }

    @Test
    void multipleViaInListsAndLinesKeepTheirOrder() throws IOException {
        SipRequest r = (SipRequest) decode("proxy_multiple_via.txt");
        List<Via> vias = r.vias();
        assertThat(vias).extracting(v -> v.branch().orElseThrow())
                .containsExactly("z9hG4bKproxy2", "z9hG4bKproxy1", "z9hG4bKdevice0");
        assertThat(vias.get(1).transport()).isEqualTo("TCP");
        assertThat(vias.get(1).port()).isEqualTo(5061);
        assertThat(r.topVia().received()).contains("172.16.0.9");
    }

    @Test
    void univiewViaWithoutRportAndQuotedDisplayName() throws IOException {
        SipRequest r = (SipRequest) decode("uniview_via_without_rport.txt");
        assertThat(r.topVia().hasRport()).isFalse();
        assertThat(r.from().displayName()).isEqualTo("IPC");
        assertThat(r.callId()).isEqualTo("2810418343@192.168.0.13");
        // answered from behind NAT: received is added because the source is not sent-by, no rport since none was asked
        SipResponse answer = SipResponse.answer(r, new java.net.InetSocketAddress("203.0.113.7", 40512), 200, null, "t1");
        assertThat(answer.topVia().received()).contains("203.0.113.7");
        assertThat(answer.topVia().hasRport()).isFalse();
    }

    @Test
    void dvrSendsLfOnlyLineEnds() throws IOException {
        SipRequest r = (SipRequest) decode("dvr_keepalive_lf_only.txt");
        assertThat(r.callId()).isEqualTo("lf-only-1");
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).startsWith("<?xml").contains("<CmdType>Keepalive</CmdType>");
    }

    @Test
    void udpTrailingGarbageAfterContentLengthIsDropped() throws IOException {
        SipRequest r = (SipRequest) decode("udp_trailing_garbage_after_content_length.txt");
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("<Notify/>\r\n");
    }

    @Test
    void dateHeaderInGbFormRoundTrips() {
        LocalDateTime t = LocalDateTime.of(2026, 12, 7, 20, 4, 58, 123_000_000);
        assertThat(SipDate.format(t)).isEqualTo("2026-12-07T20:04:58.123");
        assertThat(SipDate.parse("2026-12-07T20:04:58.123")).contains(t);
        assertThat(SipDate.parse("2026-12-07T20:04:58")).contains(t.withNano(0));
        assertThat(SipDate.parse("Mon, 07 Dec 2026 20:04:58 GMT")).contains(t.withNano(0));
        assertThat(SipDate.parse("yesterday")).isEmpty();
    }
}
