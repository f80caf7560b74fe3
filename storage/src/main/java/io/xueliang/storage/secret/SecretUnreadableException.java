package io.xueliang.storage.secret;

/** A sealed secret could not be opened: wrong key (the key file was replaced) or changed bytes. */
public final class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String reason) {
        super("secret unreadable: " + reason);
    }
}
