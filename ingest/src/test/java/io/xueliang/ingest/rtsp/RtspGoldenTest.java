package io.xueliang.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.rtsp.auth.Credentials;
import io.xueliang.ingest.rtsp.auth.RtspAuthenticator;
import io.xueliang.ingest.rtsp.codec.RtspClientDecoder;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;
import io.xueliang.ingest.rtsp.codec.RtspResponse;
import io.xueliang.ingest.sdp.ControlUrl;
import io.xueliang.ingest.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Camera answers as the vendors write them (golden/rtsp/), each decoded whole and in every slice
 * size, then checked for the quirk the file is named after.
 */
@ExtendWith(NettyLeakCheck.class)
class RtspGoldenTest {

    /** Files keep LF; on the wire it is CRLF except for files named *_bare_lf_*. */
    static byte[] wire(String name) throws IOException {
        try (InputStream in = RtspGoldenTest.class.getResourceAsStream("/golden/rtsp/" + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (name.contains("bare_lf") ? text : text.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] sdpBody(String name) throws IOException {
        try (InputStream in = RtspGoldenTest.class.getResourceAsStream("/golden/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Decodes whole and in every slice size up to 128 bytes (longer slices only re-test the
     * whole-input path; the codec table test covers every size of its cases); all must agree.
     */
    static RtspResponse decode(byte[] wire) {
        RtspResponse whole = decodeSliced(wire, wire.length);
        for (int slice = 1; slice < Math.min(wire.length, 129); slice++) {
            RtspResponse sliced = decodeSliced(wire, slice);
            assertThat(sliced.status()).isEqualTo(whole.status());
            assertThat(sliced.headers().toString()).isEqualTo(whole.headers().toString());
            assertThat(sliced.body()).isEqualTo(whole.body());
        }
        return whole;
    }

    private static RtspResponse decodeSliced(byte[] wire, int slice) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        for (int i = 0; i < wire.length; i += slice) {
            ch.writeInbound(io.netty.buffer.ByteBufAllocator.DEFAULT.buffer().writeBytes(wire, i, Math.min(slice, wire.length - i)));
        }
        RtspResponse r = ch.readInbound();
        assertThat(r).as("slice %d", slice).isNotNull();
        assertThat(ch.finish()).isFalse();
        return r;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void hikvisionSessionTimeoutWithoutSpace() throws Exception {
        RtspResponse r = decode(wire("hikvision_session_timeout_no_space.txt"));
        assertThat(SessionHeader.parse(r.headers().get("Session").orElseThrow()))
                .isEqualTo(new SessionHeader("1273463846", OptionalInt.of(60)));
        TransportHeader t = TransportHeader.parse(r.headers().get("Transport").orElseThrow());
        assertThat(t.isTcp()).isTrue();
        assertThat(t.interleaved()).hasValueSatisfying(p -> assertThat(p).containsExactly(0, 1));
        assertThat(t.ssrc()).hasValue(0x3a4f1b2c);
    }

    @Test
    void axisSessionTimeoutWithSpace() throws Exception {
        RtspResponse r = decode(wire("axis_session_timeout_with_space.txt"));
        assertThat(SessionHeader.parse(r.headers().get("session").orElseThrow()))
                .isEqualTo(new SessionHeader("4Bf2XyKt6Pq1aZ3s", OptionalInt.of(60)));
    }

    @Test
    void gstreamerSessionAfterTransportWithModePlay() throws Exception {
        RtspResponse r = decode(wire("gstreamer_session_timeout_mode_play.txt"));
        assertThat(SessionHeader.parse(r.headers().get("Session").orElseThrow()).id()).isEqualTo("kTq3Ul1o4cNhV0mZ");
        assertThat(TransportHeader.parse(r.headers().get("Transport").orElseThrow()).params()).containsEntry("mode", "\"PLAY\"");
    }

    @Test
    void dvrBareLfLineEndsWithoutSessionTimeout() throws Exception {
        RtspResponse r = decode(wire("dvr_bare_lf_no_session_timeout.txt"));
        assertThat(SessionHeader.parse(r.headers().get("Session").orElseThrow()).timeoutSeconds()).isEmpty();
        assertThat(TransportHeader.parse(r.headers().get("Transport").orElseThrow()).interleaved())
                .hasValueSatisfying(p -> assertThat(p).containsExactly(2, 3));
    }

    @Test
    void dahuaTransportWithSsrcAndVendorHeaders() throws Exception {
        RtspResponse r = decode(wire("dahua_transport_ssrc_session_timeout.txt"));
        assertThat(TransportHeader.parse(r.headers().get("Transport").orElseThrow()).ssrc()).hasValue(0x6A4D3E21);
        assertThat(r.headers().get("x-transport-options")).contains("late-tolerance=1.400000");
    }

    @Test
    void hikvisionUdpServerPortPair() throws Exception {
        RtspResponse r = decode(wire("hikvision_udp_server_port.txt"));
        TransportHeader t = TransportHeader.parse(r.headers().get("Transport").orElseThrow());
        assertThat(t.isTcp()).isFalse();
        assertThat(t.serverPort()).hasValueSatisfying(p -> assertThat(p).containsExactly(8218, 8219));
        assertThat(t.clientPort()).hasValueSatisfying(p -> assertThat(p).containsExactly(50000, 50001));
    }

    @Test
    void hikvisionDigestPreferredOverBasicWithQuotedStaleFalse() throws Exception {
        RtspResponse r = decode(wire("hikvision_digest_stale_false_quoted_and_basic.txt"));
        List<String> challenges = r.headers().getAll("WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(AuthChallenge.parse(challenges.get(0)).getFirst().stale()).isFalse();
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "12345"), () -> "c");
        assertThat(auth.accept(challenges)).isTrue();
        String header = auth.authorization("DESCRIBE", "rtsp://192.168.1.64:554/Streaming/Channels/101").orElseThrow();
        assertThat(header).startsWith("Digest ").contains("realm=\"IP Camera(C6171)\"").doesNotContain("qop");
        String ha1 = md5("admin:IP Camera(C6171):12345");
        String ha2 = md5("DESCRIBE:rtsp://192.168.1.64:554/Streaming/Channels/101");
        assertThat(param(header, "response")).isEqualTo(md5(ha1 + ":8d6b1f0c1c2b6e58a7c0d7e4f6a9b301:" + ha2));
    }

    @Test
    void dahuaDigestWithoutQop() throws Exception {
        RtspResponse r = decode(wire("dahua_digest_without_qop.txt"));
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "admin123"), () -> "c");
        assertThat(auth.accept(r.headers().getAll("www-authenticate"))).isTrue();
        String uri = "rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0";
        String header = auth.authorization("OPTIONS", uri).orElseThrow();
        String expected = md5(md5("admin:Login to 5J0F2C1PAZ00A12:admin123") + ":a1f3e0d5c6b7a8f9e0d1c2b3a4f5e6d7:"
                + md5("OPTIONS:" + uri));
        assertThat(param(header, "response")).isEqualTo(expected);
        assertThat(param(header, "uri")).isEqualTo(uri);
    }

    @Test
    void axisDigestWithQopAuthAndUnquotedStale() throws Exception {
        RtspResponse r = decode(wire("axis_digest_qop_auth.txt"));
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("root", "pass"), () -> "deadbeef");
        assertThat(auth.accept(r.headers().getAll("WWW-Authenticate"))).isTrue();
        String uri = "rtsp://192.168.0.90/axis-media/media.amp";
        String header = auth.authorization("DESCRIBE", uri).orElseThrow();
        String nonce = "00030e2aY2e4b1c5d6f0a8b3c9e1f2a3b4c5d6e7f8a9b0c1d2e3";
        String expected = md5(md5("root:AXIS_ACCC8E000000:pass") + ":" + nonce + ":00000001:deadbeef:auth:" + md5("DESCRIBE:" + uri));
        assertThat(param(header, "response")).isEqualTo(expected);
        assertThat(header).contains("qop=auth", "nc=00000001");
    }

    @Test
    void univiewDigestWithQuotedAlgorithm() throws Exception {
        RtspResponse r = decode(wire("uniview_digest_algorithm_quoted.txt"));
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "x"), () -> "c");
        assertThat(auth.accept(r.headers().getAll("WWW-Authenticate"))).isTrue();
        assertThat(auth.authorization("OPTIONS", "rtsp://10.10.1.20/media/video1").orElseThrow())
                .contains("algorithm=MD5", "qop=auth");
    }

    @Test
    void univiewOptionsListsGetParameter() throws Exception {
        RtspResponse r = decode(wire("uniview_options_public_get_parameter.txt"));
        assertThat(r.headers().get("Public").orElseThrow()).contains("GET_PARAMETER");
    }

    @Test
    void dahuaContentBaseWithQueryAndTrailingSlash() throws Exception {
        byte[] body = sdpBody("dahua_relative_trackid_h265.sdp");
        RtspResponse r = decode(concat(wire("dahua_describe_content_base_trailing_slash.txt"), body));
        assertThat(r.body()).isEqualTo(body);
        URI request = URI.create("rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0");
        URI base = ControlUrl.base(request, r.headers().get("Content-Base"), r.headers().get("Content-Location"));
        List<RtspTrack> tracks = TrackSelection.select(SessionDescription.parse(r.bodyText()), base);
        assertThat(tracks).extracting(RtspTrack::encodingName).containsExactly("H265", "PCMA");
        assertThat(tracks).extracting(t -> t.controlUri().toString()).containsExactly(
                "rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/trackID=0",
                "rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/trackID=1");
        assertThat(tracks.get(1).clockRate()).isEqualTo(8000);
        assertThat(tracks.get(1).channels()).isEqualTo(1);
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        assertThat(m.find()).as(name + " in " + header).isTrue();
        return m.group(1);
    }
}
