package io.xueliang.storage.auth;

/** A new password breaks the {@link PasswordPolicy} (the API answers 400 with {@link #getMessage()}). */
public final class PasswordPolicyException extends IllegalArgumentException {
    private final int minLength;
    private final int maxLength;

    public PasswordPolicyException(int minLength, int maxLength) {
        super("password must be " + minLength + " to " + maxLength + " characters long");
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }
}
