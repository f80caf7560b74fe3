package io.xueliang.storage.signing;

import java.nio.file.Path;

/**
 * A signing or trusted key file exists but cannot be used: unreadable, not PEM, not Ed25519, or a public half that
 * does not belong to its private half. Never answered by making a new key over it: exports signed with the old key
 * would stop verifying against what the server serves.
 */
public final class SigningKeyException extends RuntimeException {
    private final transient Path file;
    private final String reason;

    public SigningKeyException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public SigningKeyException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
