package io.xueliang.storage.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (RFC 9106) with BouncyCastle, producing PHC strings ({@link EncodedPasswordHash}).
 *
 * <p>Each hash costs {@link Argon2idParameters#memoryKiB()} of memory and tens of milliseconds of CPU on purpose:
 * call it on a worker thread, never on an event loop or the store's writer thread. Passwords are hashed as UTF-8.
 */
public final class PasswordHasher {
    private final Argon2idParameters parameters;
    private final SecureRandom random;

    /**
     * @param parameters the cost of new hashes (tests pass a cheap one)
     * @param random the salt source
     */
    public PasswordHasher(Argon2idParameters parameters, SecureRandom random) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** OWASP's parameters and a fresh {@link SecureRandom}. */
    public static PasswordHasher owasp() {
        return new PasswordHasher(Argon2idParameters.OWASP, new SecureRandom());
    }

    public Argon2idParameters parameters() {
        return parameters;
    }

    /** A PHC string for {@code password} with a new random salt. */
    public String hash(String password) {
        byte[] salt = new byte[parameters.saltLength()];
        random.nextBytes(salt);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] tag = derive(parameters, secret, salt, null, null);
            return new EncodedPasswordHash(parameters, salt, tag).encode();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Whether {@code password} matches {@code encoded}, comparing the tags in constant time. A malformed
     * {@code encoded} string matches nothing.
     */
    public boolean verify(String password, String encoded) {
        EncodedPasswordHash stored;
        try {
            stored = EncodedPasswordHash.decode(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] tag = derive(stored.parameters(), secret, stored.salt(), null, null);
            return MessageDigest.isEqual(tag, stored.hash());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Whether {@code encoded} was made with other parameters than this hasher's (or cannot be read at all). */
    public boolean needsRehash(String encoded) {
        try {
            return !EncodedPasswordHash.decode(encoded).parameters().equals(parameters);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Raw Argon2id, version 0x13, with RFC 9106's optional secret key and associated data (null = none). */
    static byte[] derive(Argon2idParameters parameters, byte[] password, byte[] salt, byte[] secret,
            byte[] associatedData) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKiB())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] tag = new byte[parameters.hashLength()];
        generator.generateBytes(password, tag);
        return tag;
    }
}
