package io.xueliang.ingest.rtsp.auth;

import io.xueliang.config.CameraAuth;
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
 * <p>Which schemes it answers is the camera's {@link CameraAuth}: Digest only by default, since
 * Basic puts the password on the wire in clear; with {@code any}, Digest is preferred to Basic when
 * both are offered (Hikvision offers both); with {@code basic}, Basic is used even then (cameras
 * whose Digest is broken). MD5 is the only digest algorithm cameras use. Without {@code qop} the
 * RFC 2069 form is used ({@code response = MD5(HA1:nonce:HA2)}), which Dahua and older Hikvision
 * firmware expect.
 */
public final class RtspAuthenticator {
    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private final CameraAuth policy;
    private AuthChallenge challenge;
    private int nonceCount;
    private String refusal;

    /** Digest only; see {@link #RtspAuthenticator(Credentials, Supplier, CameraAuth)}. */
    public RtspAuthenticator(Credentials credentials, Supplier<String> cnonces) {
        this(credentials, cnonces, CameraAuth.DIGEST);
    }

    /**
     * @param cnonces client nonces for {@code qop=auth}; random hex in production, fixed in tests
     * @param policy  which schemes the credentials may answer
     */
    public RtspAuthenticator(Credentials credentials, Supplier<String> cnonces, CameraAuth policy) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Takes the {@code WWW-Authenticate} values of a 401. Returns false when none is usable
     * (unknown scheme or digest algorithm, or Basic where the policy refuses it), so retrying cannot
     * help; {@link #refusal()} then says why.
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
        AuthChallenge chosen = switch (policy) {
            case DIGEST -> digest;
            case ANY -> digest != null ? digest : basic;
            case BASIC -> basic != null ? basic : digest;
        };
        if (chosen == null) {
            refusal = basic != null
                    ? "the camera offers only Basic authentication, which sends the password in clear; set auth: any"
                            + " for this camera to allow it"
                    : "no usable challenge (Digest with MD5 or Basic) in " + wwwAuthenticate.size() + " WWW-Authenticate header(s)";
            return false;
        }
        boolean sameNonce = challenge != null && chosen.param("nonce").equals(challenge.param("nonce"));
        challenge = chosen;
        if (!sameNonce) {
            nonceCount = 0;
        }
        return true;
    }

    /** Why the last {@link #accept} returned false, or null. */
    public String refusal() {
        return refusal;
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
