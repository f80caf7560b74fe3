package io.xueliang.storage.auth;

import java.util.Arrays;
import java.util.Base64;

/**
 * An Argon2id hash in the PHC string format, as the reference implementation and libsodium write it:
 *
 * <pre>
 *   $argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;
 *    |         |    |       |   |    |        '-- tag, base64 without padding
 *    |         |    |       |   |    '----------- salt, base64 without padding
 *    |         |    '-------'---'---------------- memory KiB, iterations, lanes
 *    |         '--------------------------------- Argon2 version 0x13
 *    '------------------------------------------- algorithm
 * </pre>
 *
 * @param parameters the cost (salt and hash lengths are those of the two byte arrays)
 * @param salt the salt
 * @param hash the tag
 */
record EncodedPasswordHash(Argon2idParameters parameters, byte[] salt, byte[] hash) {
    static final int VERSION = 0x13;
    private static final String PREFIX = "$argon2id$v=19$";
    /** Longer than any hash these parameters can describe: bounds the work before the string is even split. */
    private static final int MAX_ENCODED_LENGTH = 256;

    String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, never echoing the string (it is a secret's hash)
     */
    static EncodedPasswordHash decode(String encoded) {
        if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH || !encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an Argon2id v19 PHC string");
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("an Argon2id PHC string has parameters, salt and hash");
        }
        String[] costs = parts[0].split(",", -1);
        if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=") || !costs[2].startsWith("p=")) {
            throw new IllegalArgumentException("Argon2id parameters must be m=..,t=..,p=..");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[1]);
            hash = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Argon2id salt or hash is not base64");
        }
        Argon2idParameters parameters = new Argon2idParameters(number(costs[0]), number(costs[1]), number(costs[2]),
                salt.length, hash.length);
        return new EncodedPasswordHash(parameters, salt, hash);
    }

    private static int number(String assignment) {
        String digits = assignment.substring(2);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Argon2id parameter " + assignment.charAt(0) + " is not a number");
        }
        return Integer.parseInt(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPasswordHash other && parameters.equals(other.parameters)
                && Arrays.equals(salt, other.salt) && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * parameters.hashCode() + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "EncodedPasswordHash[" + parameters + "]";
    }
}
