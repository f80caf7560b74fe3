package io.xueliang.ingest.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.digest.DigestMd5;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.ingest.sip.auth.SipDigestServer.Verdict;
import io.xueliang.media.FakeClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipDigestTest {
    private static final String DEVICE = "34020000001320000001";
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.168.1.64", 5060);
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final FakeClock clock = new FakeClock();
    private final SipDigestServer server = new SipDigestServer("3402000000", SECRET, clock, Duration.ofMinutes(5), false);
    private final SipIdentifiers ids = new SipIdentifiers(new Random(3));

    private SipRequest register(String deviceId) {
        NameAddress aor = NameAddress.parse("<sip:" + deviceId + "@3402000000>");
        return ids.request("REGISTER", SipUri.parse("sip:34020000002000000001@3402000000"), "UDP", "192.168.1.64", 5060,
                        aor, aor, null)
                .contact(NameAddress.parse("<sip:" + deviceId + "@192.168.1.64:5060>"))
                .header("Expires", "3600").build();
    }

    /** The device's second REGISTER, answering the server's 401 with {@code password}. */
    private SipRequest answered(SipRequest first, String username, String password) {
        SipResponse challenge = server.challengeResponse(first, SOURCE, "reg", false);
        return new SipDigestClient(username, password, ids).answer(first, challenge).orElseThrow();
    }

    @Test
    void digestMathMatchesTheRfc2617Example() {
        // RFC 2617 §3.5
        assertThat(DigestMd5.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void challengeIsGbStyle() {
        SipResponse r = server.challengeResponse(register(DEVICE), SOURCE, "reg", false);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.to().tag()).contains("reg");
        AuthChallenge c = AuthChallenge.parse(r.headers().get("WWW-Authenticate").orElseThrow()).getFirst();
        assertThat(c.param("realm")).contains("3402000000");
        assertThat(c.param("algorithm")).contains("MD5");
        assertThat(c.param("nonce")).hasValueSatisfying(n -> assertThat(n).hasSize(64));
        assertThat(c.param("qop")).isEmpty();
        assertThat(c.stale()).isFalse();
    }

    @Test
    void challengeAnswerVerifiesWithoutQop() {
        SipRequest first = register(DEVICE);
        assertThat(server.verify(first, DEVICE, "12345678")).isEqualTo(Verdict.NO_CREDENTIALS);
        SipRequest second = answered(first, DEVICE, "12345678");
        assertThat(second.headers().get("Authorization").orElseThrow()).doesNotContain("qop");
        assertThat(second.cseq().number()).isEqualTo(first.cseq().number() + 1);
        assertThat(second.topVia().branch()).isNotEqualTo(first.topVia().branch());
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.from().tag()).isEqualTo(first.from().tag());
        assertThat(server.verify(second, DEVICE, "12345678")).isEqualTo(Verdict.OK);
    }

    @Test
    void challengeAnswerVerifiesWithQopAuth() {
        SipDigestServer qop = new SipDigestServer("3402000000", SECRET, clock, Duration.ofMinutes(5), true);
        SipRequest first = register(DEVICE);
        SipResponse challenge = qop.challengeResponse(first, SOURCE, "reg", false);
        SipRequest second = new SipDigestClient(DEVICE, "pw", ids).answer(first, challenge).orElseThrow();
        assertThat(second.headers().get("Authorization").orElseThrow()).contains("qop=auth", "nc=00000001", "cnonce=");
        assertThat(qop.verify(second, DEVICE, "pw")).isEqualTo(Verdict.OK);
        assertThat(qop.verify(second, DEVICE, "other")).isEqualTo(Verdict.WRONG_PASSWORD);
    }

    @Test
    void wrongPasswordIsForbidden() {
        SipRequest second = answered(register(DEVICE), DEVICE, "guess");
        assertThat(server.verify(second, DEVICE, "12345678")).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(Verdict.WRONG_PASSWORD.status()).isEqualTo(403);
    }

    @Test
    void expiredNonceIsStaleAndTheClientAnswersTheStaleChallenge() {
        SipRequest first = register(DEVICE);
        SipDigestClient client = new SipDigestClient(DEVICE, "pw", ids);
        SipRequest second = client.answer(first, server.challengeResponse(first, SOURCE, "reg", false)).orElseThrow();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(server.verify(second, DEVICE, "pw")).isEqualTo(Verdict.STALE_NONCE);
        assertThat(server.verify(second, DEVICE, "bad")).as("stale only when the digest is right").isEqualTo(Verdict.WRONG_PASSWORD);
        SipResponse stale = server.challengeResponse(second, SOURCE, "reg", true);
        assertThat(stale.headers().get("WWW-Authenticate").orElseThrow()).contains("stale=true");
        SipRequest third = client.answer(second, stale).orElseThrow();
        assertThat(server.verify(third, DEVICE, "pw")).isEqualTo(Verdict.OK);
    }

    @Test
    void tamperedNonceIsUnknown() {
        SipRequest second = answered(register(DEVICE), DEVICE, "pw");
        String auth = second.headers().get("Authorization").orElseThrow();
        String nonce = AuthChallenge.parse(auth).getFirst().param("nonce").orElseThrow();
        // a later issue time, to make an old nonce look fresh, breaks the MAC
        String forged = Long.toHexString(Long.parseLong(nonce.substring(0, 16), 16) + 60_000);
        forged = "0".repeat(16 - forged.length()) + forged + nonce.substring(16);
        SipRequest tampered = second.withHeaders(second.headers().copy().set("Authorization", auth.replace(nonce, forged)));
        assertThat(server.verify(tampered, DEVICE, "pw")).isEqualTo(Verdict.UNKNOWN_NONCE);
        SipRequest garbage = second.withHeaders(second.headers().copy().set("Authorization", auth.replace(nonce, "xyz")));
        assertThat(server.verify(garbage, DEVICE, "pw")).isEqualTo(Verdict.UNKNOWN_NONCE);
    }

    @Test
    void nonceOfAnotherServerSecretIsUnknown() {
        SipDigestServer restarted = SipDigestServer.withRandomSecret("3402000000", clock, Duration.ofMinutes(5));
        SipRequest second = answered(register(DEVICE), DEVICE, "pw");
        assertThat(restarted.verify(second, DEVICE, "pw")).isEqualTo(Verdict.UNKNOWN_NONCE);
    }

    @Test
    void usernameOtherThanTheDeviceIdIsForbidden() {
        SipRequest second = answered(register(DEVICE), "34020000001320000099", "pw");
        assertThat(server.verify(second, DEVICE, "pw")).isEqualTo(Verdict.USERNAME_MISMATCH);
    }

    @Test
    void credentialsWithoutResponseAreMalformed() {
        SipRequest r = register(DEVICE);
        SipRequest bad = r.withHeaders(r.headers().copy().add("Authorization",
                "Digest username=\"" + DEVICE + "\", realm=\"3402000000\", nonce=\"n\", uri=\"sip:x@y\""));
        assertThat(server.verify(bad, DEVICE, "pw")).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void clientGivesUpOnASecondChallengeWithTheSameNonce() {
        SipRequest first = register(DEVICE);
        SipResponse challenge = server.challengeResponse(first, SOURCE, "reg", false);
        SipDigestClient client = new SipDigestClient(DEVICE, "wrong", ids);
        SipRequest second = client.answer(first, challenge).orElseThrow();
        SipResponse again = new SipResponse(401, "Unauthorized", challenge.headers().copy());
        assertThat(client.answer(second, again)).isEmpty();
        assertThat(client.answer(second, server.challengeResponse(second, SOURCE, "reg", false))).as("a new nonce").isPresent();
    }

    @Test
    void proxyChallengeIsAnsweredWithProxyAuthorization() {
        SipRequest first = register(DEVICE);
        SipResponse proxy = SipResponse.answer(first, SOURCE, 407, null, "p")
                .with("Proxy-Authenticate", "Digest realm=\"4401000000\", nonce=\"abc\"");
        SipRequest second = new SipDigestClient(DEVICE, "pw", ids).answer(first, proxy).orElseThrow();
        assertThat(second.headers().get("Proxy-Authorization")).hasValueSatisfying(v -> assertThat(v).contains("nonce=\"abc\""));
        assertThat(second.headers().contains("Authorization")).isFalse();
    }

    @Test
    void refreshCarriesCredentialsUpFront() {
        SipRequest first = register(DEVICE);
        SipDigestClient client = new SipDigestClient(DEVICE, "pw", ids);
        assertThat(client.authorize(first).headers().contains("Authorization")).isFalse();
        client.answer(first, server.challengeResponse(first, SOURCE, "reg", false)).orElseThrow();
        SipRequest refresh = client.authorize(register(DEVICE));
        assertThat(server.verify(refresh, DEVICE, "pw")).isEqualTo(Verdict.OK);
        assertThat(client.toString()).doesNotContain("pw\"", ":pw");
    }

    @Test
    void hikvisionNvrDigestUriNamesTheDomainNotTheRequestUri() {
        // the NVR sends REGISTER to our address but digests uri="sip:<server id>@<domain>" (wvp-GB28181 issue #3)
        SipRequest first = register(DEVICE);
        String challenge = server.challengeResponse(first, SOURCE, "reg", false).headers().get("WWW-Authenticate").orElseThrow();
        String nonce = AuthChallenge.parse(challenge).getFirst().param("nonce").orElseThrow();
        String uri = "sip:34020000002000000001@3402000000";
        String response = DigestMd5.response(DEVICE, "3402000000", "pw", "REGISTER", uri, nonce, null, null, null);
        SipRequest toAddress = new SipRequest("REGISTER", "sip:34020000002000000001@192.168.1.10:5060",
                first.headers().copy().add("Authorization", "Digest username=\"" + DEVICE + "\", realm=\"3402000000\", nonce=\""
                        + nonce + "\", uri=\"" + uri + "\", response=\"" + response.toUpperCase(java.util.Locale.ROOT) + "\", algorithm=MD5"));
        assertThat(server.verify(toAddress, DEVICE, "pw")).isEqualTo(Verdict.OK);
    }
}
