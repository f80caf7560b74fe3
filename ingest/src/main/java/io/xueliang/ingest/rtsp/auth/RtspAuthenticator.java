package io.xueliang.ingest.rtsp.auth;

import io.xueliang.config.CameraAuth;
import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.digest.DigestClient;
import io.xueliang.ingest.digest.DigestMd5;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
 * firmware expect. The digest itself is {@link DigestClient}'s, shared with SIP.
 */
public final class RtspAuthenticator {
    private final Credentials credentials;
    private final CameraAuth policy;
    private final DigestClient digest;
    private AuthChallenge challenge;
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
        this.digest = new DigestClient(credentials.username(), credentials.password(), Objects.requireNonNull(cnonces, "cnonces"));
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
                if (digest == null && DigestClient.usable(c)) {
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
        challenge = chosen;
        if (chosen.isDigest()) {
            this.digest.accept(chosen);
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
        return Optional.of(digest.authorization(method, requestUri));
    }

    static String md5(String s) {
        return DigestMd5.hex(s);
    }

    @Override
    public String toString() {
        return "RtspAuthenticator[" + credentials + ", " + (challenge == null ? "no challenge" : challenge.scheme()) + "]";
    }
}
