package io.xueliang.storage.auth;

/** No user has this name (the API answers 404). */
public final class UnknownUserException extends RuntimeException {
    private final String username;

    public UnknownUserException(String username) {
        super("no user " + username);
        this.username = username;
    }

    public String username() {
        return username;
    }
}
