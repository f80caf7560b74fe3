package io.xueliang.storage.auth;

/** The user already holds as many live API tokens as allowed (the API answers 409). */
public final class TokenLimitException extends RuntimeException {
    private final String username;
    private final int limit;

    public TokenLimitException(String username, int limit) {
        super(username + " already holds " + limit + " live API tokens; revoke one first");
        this.username = username;
        this.limit = limit;
    }

    public String username() {
        return username;
    }

    public int limit() {
        return limit;
    }
}
