package io.xueliang.ingest.sip;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Branches, tags and Call-IDs for what we send (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3), from a {@link SecureRandom}
 * so that an off-path peer cannot guess a transaction or dialog and inject answers into it. Tests pass a seeded
 * generator. Thread-safe when the generator is (SecureRandom is).
 */
public final class SipIdentifiers {
    private final RandomGenerator random;

    public SipIdentifiers(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public static SipIdentifiers secure() {
        return new SipIdentifiers(new SecureRandom());
    }

    /** {@code z9hG4bK} and 64 random bits in hex: unique per transaction. */
    public String branch() {
        return Via.MAGIC_COOKIE + hex(8);
    }

    /** 64 random bits in hex (RFC 3261 §19.3 asks for at least 32). */
    public String tag() {
        return hex(8);
    }

    /** 128 random bits in hex; no {@code @host}, which RFC 3261 makes optional and leaks an address. */
    public String callId() {
        return hex(16);
    }

    /** A random hex client nonce for digest {@code qop=auth}. */
    public String cnonce() {
        return hex(8);
    }

    /**
     * A request of a new transaction and, unless {@code callId} is given, a new call: a Via with a new branch
     * and rport asked for, From with a new tag, CSeq 1.
     *
     * @param via    our transport, host and port for the Via sent-by
     * @param callId an existing Call-ID (a REGISTER refresh, a request in a dialog) or null for a new one
     */
    public SipRequest.Builder request(String method, SipUri requestUri, String viaTransport, String viaHost, int viaPort,
                                      NameAddress from, NameAddress to, String callId) {
        return SipRequest.builder(method, requestUri)
                .via(Via.of(viaTransport, viaHost, viaPort, branch()))
                .from(from.tag().isPresent() ? from : from.withTag(tag()))
                .to(to)
                .callId(callId != null ? callId : callId());
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }
}
