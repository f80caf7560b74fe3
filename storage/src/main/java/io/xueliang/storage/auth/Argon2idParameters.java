package io.xueliang.storage.auth;

/**
 * The cost of one Argon2id hash (RFC 9106 §3.1). Stored in every hash string, so raising them later only makes old
 * hashes {@link PasswordHasher#needsRehash stale}, which the next successful login replaces.
 *
 * @param memoryKiB memory in KiB (RFC 9106's m); at least 8 per lane
 * @param iterations passes over the memory (t)
 * @param parallelism lanes (p)
 * @param saltLength random salt bytes per hash
 * @param hashLength tag bytes
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism, int saltLength, int hashLength) {
    /** OWASP Password Storage Cheat Sheet's Argon2id minimum: 19 MiB, 2 passes, 1 lane; 16-byte salt, 32-byte tag. */
    public static final Argon2idParameters OWASP = new Argon2idParameters(19_456, 2, 1, 16, 32);

    /**
     * Upper bounds for parameters read back from a stored hash: a hash string edited in the database must not make a
     * login allocate gigabytes or spin for minutes.
     */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;
    static final int MAX_SALT_OR_HASH_LENGTH = 64;

    public Argon2idParameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memory must be " + 8 * parallelism + " to " + MAX_MEMORY_KIB
                    + " KiB for " + parallelism + " lanes, not " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS + ", not " + iterations);
        }
        if (saltLength < 8 || saltLength > MAX_SALT_OR_HASH_LENGTH) {
            throw new IllegalArgumentException("salt must be 8 to " + MAX_SALT_OR_HASH_LENGTH + " bytes, not "
                    + saltLength);
        }
        if (hashLength < 16 || hashLength > MAX_SALT_OR_HASH_LENGTH) {
            throw new IllegalArgumentException("hash must be 16 to " + MAX_SALT_OR_HASH_LENGTH + " bytes, not "
                    + hashLength);
        }
    }
}
