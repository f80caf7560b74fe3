package io.xueliang.ingest.rtsp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a camera's challenges for one RTSP connection. It remembers the accepted challenge so
 * every later request carries credentials up front, counting {@code nc} for {@code qop=auth}.
 * <p>Digest is preferred to Basic when both are offered (Hikvision offers both); MD5 is the only
 * algorithm cameras use. Without {@code qop} the RFC 2069 form is used
 * ({@code response = MD5(HA1:nonce:HA2)}), which Dahua and older Hikvision firmware expect.
 */
public final class RtspAuthenticator {
    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private AuthChallenge challenge;
    private int nonceCount;

    /** @param cnonces client nonces for {@code qop=auth}; random hex in production, fixed in tests */
    public RtspAuthenticator(Credentials credentials, Supplier<String> cnonces) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    }

    /**
     * Takes the {@code WWW-Authenticate} values of a 401. Returns false when none is usable
     * (unknown scheme or digest algorithm), so retrying cannot help.
     */
    public boolean accept(List<String> wwwAuthenticate) {
        AuthChallenge basic = null;
        AuthChallenge digest = null;
        for (String header : wwwAuthenticate) {
            for (AuthChallenge c : AuthChallenge.parse(header)) {
                if (c.isDigest() && digest == null && c.param("nonce").isPresent()
                        && c.param("algorithm").map(a -> a.equalsIgnoreCase("MD5")).orElse(true)) {
                    digest = c;
                } else if (c.isBasic() && basic == null) {
                    basic = c;
                }
            }
        }
        AuthChallenge chosen = digest != null ? digest : basic;
        if (chosen == null) {
            return false;
        }
        boolean sameNonce = challenge != null && chosen.param("nonce").equals(challenge.param("nonce"));
        challenge = chosen;
        if (!sameNonce) {
            nonceCount = 0;
        }
        return true;
    }

    /** True once a challenge was accepted, i.e. requests carry an Authorization header. */
    public boolean hasChallenge() {
        return challenge != null;
    }

    /** The Authorization header value for a request, or empty before any challenge. */
    public Optional<String> authorization(String method, String requestUri) {
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.isBasic()) {
            String pair = credentials.username() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String realm = challenge.param("realm").orElse("");
        String nonce = challenge.param("nonce").orElseThrow();
        String ha1 = md5(credentials.username() + ":" + realm + ":" + credentials.password());
        String ha2 = md5(method + ":" + requestUri);
        boolean qopAuth = challenge.param("qop")
                .map(q -> List.of(q.toLowerCase(Locale.ROOT).replace(" ", "").split(",")).contains("auth"))
                .orElse(false);
        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=\"").append(quote(credentials.username())).append("\", ");
        sb.append("realm=\"").append(quote(realm)).append("\", ");
        sb.append("nonce=\"").append(quote(nonce)).append("\", ");
        sb.append("uri=\"").append(quote(requestUri)).append("\", ");
        if (qopAuth) {
            nonceCount++;
            String nc = String.format("%08x", nonceCount);
            String cnonce = cnonces.get();
            String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            sb.append("response=\"").append(response).append("\", ");
            sb.append("qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\"");
        } else {
            sb.append("response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append("\"");
        }
        challenge.param("opaque").ifPresent(o -> sb.append(", opaque=\"").append(quote(o)).append("\""));
        if (challenge.param("algorithm").isPresent()) {
            sb.append(", algorithm=MD5");
        }
        return Optional.of(sb.toString());
    }

    static String md5(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is mandatory in every JDK", e);
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "RtspAuthenticator[" + credentials + ", " + (challenge == null ? "no challenge" : challenge.scheme()) + "]";
    }
}
