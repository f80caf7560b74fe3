package io.xueliang.ingest.rtsp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.CameraAuth;
import io.xueliang.ingest.digest.AuthChallenge;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RtspAuthenticatorTest {

    @Test
    void digestWithQopMatchesTheRfc2617Example() {
        // RFC 2617 §3.5: the published response for these inputs
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("Mufasa", "Circle Of Life"), () -> "0a4f113b");
        assertThat(auth.accept(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""))).isTrue();
        String header = auth.authorization("GET", "/dir/index.html").orElseThrow();
        assertThat(param(header, "response")).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(header).contains("qop=auth", "nc=00000001", "cnonce=\"0a4f113b\"", "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void nonceCountIncreasesPerRequestAndResetsOnNewNonce() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "p"), () -> "c");
        auth.accept(List.of("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\""));
        assertThat(auth.authorization("OPTIONS", "rtsp://h/x").orElseThrow()).contains("nc=00000001");
        assertThat(auth.authorization("DESCRIBE", "rtsp://h/x").orElseThrow()).contains("nc=00000002");
        auth.accept(List.of("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", stale=true"));
        assertThat(auth.authorization("DESCRIBE", "rtsp://h/x").orElseThrow()).contains("nc=00000001", "nonce=\"n2\"");
    }

    @Test
    void digestWithoutQopUsesRfc2069Form() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "pw"), () -> "unused");
        auth.accept(List.of("Digest realm=\"Login to X\", nonce=\"abc\""));
        String header = auth.authorization("DESCRIBE", "rtsp://h/cam").orElseThrow();
        String ha1 = RtspAuthenticator.md5("admin:Login to X:pw");
        String ha2 = RtspAuthenticator.md5("DESCRIBE:rtsp://h/cam");
        assertThat(param(header, "response")).isEqualTo(RtspAuthenticator.md5(ha1 + ":abc:" + ha2));
        assertThat(header).doesNotContain("qop", "nc=", "cnonce", "algorithm");
    }

    @Test
    void algorithmMd5QuotedOrNotIsAcceptedAndOtherAlgorithmsAreNot() {
        for (String alg : List.of("algorithm=MD5", "algorithm=\"MD5\"", "algorithm=md5")) {
            RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "p"), () -> "c");
            assertThat(auth.accept(List.of("Digest realm=\"r\", nonce=\"n\", " + alg))).as(alg).isTrue();
            assertThat(auth.authorization("OPTIONS", "rtsp://h/").orElseThrow()).startsWith("Digest ").contains("algorithm=MD5");
        }
        RtspAuthenticator sha = new RtspAuthenticator(new Credentials("u", "p"), () -> "c");
        assertThat(sha.accept(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"))).isFalse();
    }

    @Test
    void digestIsPreferredToBasicInAnyOrder() {
        for (CameraAuth policy : List.of(CameraAuth.DIGEST, CameraAuth.ANY)) {
            RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "p"), () -> "c", policy);
            auth.accept(List.of("Basic realm=\"r\"", "Digest realm=\"r\", nonce=\"n\""));
            assertThat(auth.authorization("OPTIONS", "rtsp://h/").orElseThrow()).as("%s", policy).startsWith("Digest ");
        }
    }

    @Test
    void basicEncodesUserAndPassword() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "12345"), () -> "c", CameraAuth.ANY);
        auth.accept(List.of("Basic realm=\"cam\""));
        assertThat(auth.authorization("DESCRIBE", "rtsp://h/")).contains("Basic YWRtaW46MTIzNDU=");
    }

    @Test
    void basicIsNeverAnsweredUnlessTheCameraAllowsIt() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "12345"), () -> "c");
        assertThat(auth.accept(List.of("Basic realm=\"cam\""))).isFalse();
        assertThat(auth.refusal()).contains("only Basic", "in clear", "auth: any");
        assertThat(auth.authorization("DESCRIBE", "rtsp://h/")).isEmpty();
    }

    @Test
    void basicPolicyAnswersBasicEvenWhenDigestIsOffered() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "12345"), () -> "c", CameraAuth.BASIC);
        auth.accept(List.of("Digest realm=\"r\", nonce=\"n\"", "Basic realm=\"cam\""));
        assertThat(auth.authorization("DESCRIBE", "rtsp://h/")).contains("Basic YWRtaW46MTIzNDU=");
        RtspAuthenticator digestOnly = new RtspAuthenticator(new Credentials("admin", "12345"), () -> "c", CameraAuth.BASIC);
        digestOnly.accept(List.of("Digest realm=\"r\", nonce=\"n\""));
        assertThat(digestOnly.authorization("DESCRIBE", "rtsp://h/").orElseThrow()).startsWith("Digest ");
    }

    @Test
    void challengeParserHandlesQuotedCommasEscapesAndSeveralChallengesInOneValue() {
        List<AuthChallenge> list = AuthChallenge.parse(
                "Digest realm=\"a, \\\"b\\\"\", nonce=\"n\", stale=TRUE, Basic realm=\"x\"");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).params()).isEqualTo(Map.of("realm", "a, \"b\"", "nonce", "n", "stale", "TRUE"));
        assertThat(list.get(0).stale()).isTrue();
        assertThat(list.get(1).isBasic()).isTrue();
    }

    @Test
    void credentialsArePercentDecodedFromUserinfo() {
        URI uri = URI.create("rtsp://ad%20min:p%40ss%3Aw+rd%E4%B8%AD@10.0.0.5:554/live");
        assertThat(Credentials.fromUri(uri)).contains(new Credentials("ad min", "p@ss:w+rd中"));
        assertThat(Credentials.fromUri(URI.create("rtsp://10.0.0.5/live"))).isEqualTo(Optional.empty());
        assertThat(Credentials.fromUri(URI.create("rtsp://admin@h/"))).contains(new Credentials("admin", ""));
    }

    @Test
    void redactionHidesThePasswordEverywhere() {
        URI uri = URI.create("rtsp://admin:s3cret@10.0.0.5:554/Streaming/Channels/101?transportmode=unicast");
        assertThat(io.xueliang.config.UriRedaction.redact(uri)).hasToString("rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101?transportmode=unicast");
        assertThat(Credentials.withoutUserInfo(uri)).hasToString("rtsp://10.0.0.5:554/Streaming/Channels/101?transportmode=unicast");
        assertThat(new Credentials("admin", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(new RtspAuthenticator(new Credentials("admin", "s3cret"), () -> "c").toString()).doesNotContain("s3cret");
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        assertThat(m.find()).as(name + " in " + header).isTrue();
        return m.group(1);
    }
}
