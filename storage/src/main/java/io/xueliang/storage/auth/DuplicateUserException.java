package io.xueliang.storage.auth;

/** A user with this name exists already (the API answers 409). */
public final class DuplicateUserException extends RuntimeException {
    private final String username;

    public DuplicateUserException(String username) {
        super("user " + username + " exists already");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
