package io.xueliang.ingest.sip.auth;

import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.digest.DigestMd5;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registrar's half of SIP digest authentication (RFC 3261 §22.4, RFC 2617 with MD5) as GB/T 28181 devices
 * use it: the user name is the 20-digit device id, the realm the 10-digit domain (or the server id), {@code qop=auth}
 * when the device uses it and the RFC 2069 form without it (most devices).
 * <p>Nonces need no storage, so a 10,000-device registration storm costs no memory here:
 * <pre>
 *  nonce = hex( issued-at ms (8) | salt (8) | HMAC-SHA256(secret, realm | issued-at | salt)[0..16) )   64 hex digits
 * </pre>
 * (the random salt makes two challenges of the same millisecond differ, so a device's client can tell a new
 * challenge from a repeated one).
 * A nonce whose MAC does not verify was not issued by this server (forged, or from before a restart with another
 * secret): the device gets a fresh challenge. One older than the lifetime is stale: the device gets a fresh
 * challenge with {@code stale=true} and may answer it without asking its user. Digests and MACs compare in
 * constant time. Without storage a nonce may be replayed within its lifetime; what a replay could do is repeat the
 * REGISTER it was captured with, and the Call-ID/CSeq checks of registration refuse an older CSeq.
 * <p>The {@code uri} of the credentials is not required to equal the Request-URI: devices write the platform's id
 * at the domain while the Request-URI holds its address, or the reverse. Thread-safe.
 */
public final class SipDigestServer {
    /** What {@link #verify} found, and the status that answers it. */
    public enum Verdict {
        /** Credentials match. */
        OK(200),
        /** No Digest credentials: challenge. */
        NO_CREDENTIALS(401),
        /** Right password, nonce too old: challenge with {@code stale=true}. */
        STALE_NONCE(401),
        /** A nonce this server did not issue, or another realm: challenge afresh. */
        UNKNOWN_NONCE(401),
        /** The credentials name someone else than the device. */
        USERNAME_MISMATCH(403),
        /** Wrong password. */
        WRONG_PASSWORD(403),
        /** Credentials without the parameters a digest needs, or another algorithm. */
        MALFORMED(400);

        private final int status;

        Verdict(int status) {
            this.status = status;
        }

        /** The response status for this verdict (401 means: send {@link #challenge}). */
        public int status() {
            return status;
        }
    }

    private static final int MAC_BYTES = 16;
    private static final int SALT_BYTES = 8;
    private static final int NONCE_BYTES = 8 + SALT_BYTES + MAC_BYTES;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final String realm;
    private final SecretKeySpec key;
    private final InstantSource clock;
    private final Duration nonceLifetime;
    private final boolean offerQop;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret        HMAC key of at least 16 bytes; random per process is fine (devices re-authenticate
     *                      after a restart), shared between cluster nodes if devices may move between them
     * @param nonceLifetime how long a nonce is good; the registration's expiry is typically 3600 s, a nonce of a
     *                      few minutes only has to last from challenge to answer
     * @param offerQop      offer {@code qop="auth"}; GB/T 28181's own example challenge offers none, and some
     *                      devices answer a qop challenge wrongly, so false is the safe default
     */
    public SipDigestServer(String realm, byte[] secret, InstantSource clock, Duration nonceLifetime, boolean offerQop) {
        this.realm = Objects.requireNonNull(realm, "realm");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the nonce secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonceLifetime = Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        this.offerQop = offerQop;
    }

    /** With a random secret of 32 bytes, no qop offered. */
    public static SipDigestServer withRandomSecret(String realm, InstantSource clock, Duration nonceLifetime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SipDigestServer(realm, secret, clock, nonceLifetime, false);
    }

    public String realm() {
        return realm;
    }

    /** A {@code WWW-Authenticate} value with a new nonce. */
    public String challenge(boolean stale) {
        StringBuilder sb = new StringBuilder("Digest realm=\"").append(DigestMd5.quote(realm)).append("\", nonce=\"")
                .append(newNonce()).append("\", algorithm=MD5");
        if (offerQop) {
            sb.append(", qop=\"auth\"");
        }
        if (stale) {
            sb.append(", stale=true");
        }
        return sb.toString();
    }

    /** The 401 for {@code request}, with a challenge ({@code stale} after {@link Verdict#STALE_NONCE}). */
    public SipResponse challengeResponse(SipRequest request, InetSocketAddress source, String toTag, boolean stale) {
        return SipResponse.answer(request, source, 401, null, toTag).with("WWW-Authenticate", challenge(stale));
    }

    /**
     * Checks the {@code Authorization} of a request.
     *
     * @param expectedUsername the device id the request claims to come from (its From user, normally)
     */
    public Verdict verify(SipRequest request, String expectedUsername, String password) {
        Optional<AuthChallenge> digest = request.headers().getAll("Authorization").stream()
                .flatMap(h -> AuthChallenge.parse(h).stream())
                .filter(AuthChallenge::isDigest)
                .findFirst();
        if (digest.isEmpty()) {
            return Verdict.NO_CREDENTIALS;
        }
        AuthChallenge c = digest.get();
        Optional<String> username = c.param("username");
        Optional<String> nonce = c.param("nonce");
        Optional<String> uri = c.param("uri");
        Optional<String> response = c.param("response");
        if (username.isEmpty() || nonce.isEmpty() || uri.isEmpty() || response.isEmpty()
                || !c.param("algorithm").map(a -> a.equalsIgnoreCase("MD5")).orElse(true)) {
            return Verdict.MALFORMED;
        }
        if (!username.get().equals(expectedUsername)) {
            return Verdict.USERNAME_MISMATCH;
        }
        if (!c.param("realm").map(realm::equals).orElse(false)) {
            return Verdict.UNKNOWN_NONCE;
        }
        long issuedAt = issuedAt(nonce.get());
        if (issuedAt < 0) {
            return Verdict.UNKNOWN_NONCE;
        }
        String qop = c.param("qop").orElse(null);
        String nc = c.param("nc").orElse(null);
        String cnonce = c.param("cnonce").orElse(null);
        if (qop != null && (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null)) {
            return Verdict.MALFORMED;
        }
        String expected = DigestMd5.response(username.get(), realm, password, request.method(), uri.get(), nonce.get(),
                qop == null ? null : "auth", nc, cnonce);
        if (!DigestMd5.sameDigest(expected, response.get())) {
            return Verdict.WRONG_PASSWORD;
        }
        long age = clock.millis() - issuedAt;
        return age > nonceLifetime.toMillis() ? Verdict.STALE_NONCE : Verdict.OK;
    }

    private String newNonce() {
        long now = clock.millis();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES).putLong(now).put(salt).put(mac(now, salt));
        return HexFormat.of().formatHex(b.array());
    }

    /** The issue time of a nonce this server made, or -1. */
    private long issuedAt(String nonce) {
        if (nonce.length() != 2 * NONCE_BYTES) {
            return -1;
        }
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(nonce);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long issued = b.getLong();
        byte[] salt = new byte[SALT_BYTES];
        b.get(salt);
        byte[] mac = new byte[MAC_BYTES];
        b.get(mac);
        if (!MessageDigest.isEqual(mac, mac(issued, salt))) {
            return -1;
        }
        return issued > clock.millis() + CLOCK_SKEW.toMillis() ? -1 : issued;
    }

    private byte[] mac(long issuedAt, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            mac.update(ByteBuffer.allocate(8).putLong(issuedAt).array());
            mac.update(salt);
            return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SipDigestServer[realm " + realm + ", nonces good for " + nonceLifetime + "]";
    }
}
