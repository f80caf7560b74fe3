package io.xueliang.storage.auth;

/**
 * What a new password must be: only a length, counted in Unicode code points. Length is what makes a password hard to
 * guess; composition rules mostly make people write passwords down (NIST SP 800-63B §3.1.1.2).
 *
 * @param minLength shortest accepted
 * @param maxLength longest accepted: a limit because every login hashes the whole password, and a megabyte password
 *     would let one request cost more than it should
 */
public record PasswordPolicy(int minLength, int maxLength) {
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(12, 256);

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength, not " + minLength + ", " + maxLength);
        }
    }

    /**
     * @throws PasswordPolicyException when {@code password} is too short or too long
     */
    public void check(String password) {
        if (password == null) {
            throw new PasswordPolicyException(minLength, maxLength);
        }
        // Cheap bound first: more UTF-16 units than twice the limit cannot be few enough code points.
        if (password.length() > 2 * maxLength) {
            throw new PasswordPolicyException(minLength, maxLength);
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength || length > maxLength) {
            throw new PasswordPolicyException(minLength, maxLength);
        }
    }
}
