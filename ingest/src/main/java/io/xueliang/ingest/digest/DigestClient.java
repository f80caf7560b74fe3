package io.xueliang.ingest.digest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers one peer's Digest challenges with one user name and password: the client half of RFC 2617 as
 * cameras (RTSP) and GB/T 28181 platforms (SIP) speak it. It keeps the accepted challenge so later requests
 * carry credentials up front, counting {@code nc} per nonce for {@code qop=auth}. Not thread-safe: one per
 * connection or registration.
 */
public final class DigestClient {
    private final String username;
    private final String password;
    private final Supplier<String> cnonces;
    private AuthChallenge challenge;
    private int nonceCount;

    /** @param cnonces client nonces for {@code qop=auth}; random hex in production, fixed in tests */
    public DigestClient(String username, String password, Supplier<String> cnonces) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    }

    /** True for a Digest challenge this client can answer: a nonce, and MD5 or no algorithm named. */
    public static boolean usable(AuthChallenge c) {
        return c.isDigest() && c.param("nonce").isPresent()
                && c.param("algorithm").map(a -> a.equalsIgnoreCase("MD5")).orElse(true);
    }

    /**
     * Takes a challenge for the next requests; {@code nc} restarts when the nonce changes.
     *
     * @throws IllegalArgumentException when the challenge is not {@link #usable}
     */
    public void accept(AuthChallenge chosen) {
        if (!usable(chosen)) {
            throw new IllegalArgumentException("not a usable Digest MD5 challenge: " + chosen.scheme());
        }
        boolean sameNonce = challenge != null && chosen.param("nonce").equals(challenge.param("nonce"));
        challenge = chosen;
        if (!sameNonce) {
            nonceCount = 0;
        }
    }

    public boolean hasChallenge() {
        return challenge != null;
    }

    /** The nonce of the accepted challenge, or null. */
    public String nonce() {
        return challenge == null ? null : challenge.param("nonce").orElse(null);
    }

    /**
     * The credentials ({@code Authorization} or {@code Proxy-Authorization} value) for one request.
     *
     * @throws IllegalStateException before any challenge was accepted
     */
    public String authorization(String method, String uri) {
        if (challenge == null) {
            throw new IllegalStateException("no challenge accepted yet");
        }
        String realm = challenge.param("realm").orElse("");
        String nonce = challenge.param("nonce").orElseThrow();
        boolean qopAuth = challenge.param("qop")
                .map(q -> List.of(q.toLowerCase(Locale.ROOT).replace(" ", "").split(",")).contains("auth"))
                .orElse(false);
        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=\"").append(DigestMd5.quote(username)).append("\", ");
        sb.append("realm=\"").append(DigestMd5.quote(realm)).append("\", ");
        sb.append("nonce=\"").append(DigestMd5.quote(nonce)).append("\", ");
        sb.append("uri=\"").append(DigestMd5.quote(uri)).append("\", ");
        if (qopAuth) {
            nonceCount++;
            String nc = String.format("%08x", nonceCount);
            String cnonce = cnonces.get();
            sb.append("response=\"").append(DigestMd5.response(username, realm, password, method, uri, nonce, "auth", nc, cnonce))
                    .append("\", ");
            sb.append("qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\"");
        } else {
            sb.append("response=\"").append(DigestMd5.response(username, realm, password, method, uri, nonce, null, null, null))
                    .append("\"");
        }
        challenge.param("opaque").ifPresent(o -> sb.append(", opaque=\"").append(DigestMd5.quote(o)).append("\""));
        if (challenge.param("algorithm").isPresent()) {
            sb.append(", algorithm=MD5");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DigestClient[" + username + ":***, " + (challenge == null ? "no challenge" : "nonce " + nonce()) + "]";
    }
}
