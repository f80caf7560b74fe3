package io.xueliang.storage.auth;

/** A new password breaks the {@link PasswordPolicy} (the API answers 400 with {@link #getMessage()}, the rule broken). */
public final class PasswordPolicyException extends IllegalArgumentException {
    public PasswordPolicyException(String rule) {
        super(rule);
    }
}
