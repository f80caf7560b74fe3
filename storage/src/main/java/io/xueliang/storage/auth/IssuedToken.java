package io.xueliang.storage.auth;

import java.time.Instant;

/**
 * A token just issued. {@link #token} exists only here: the store keeps its hash, so show it once and drop it.
 *
 * @param id the token's id (for revoking and listing)
 * @param token the secret, e.g. {@code xls_} + 43 base64url characters
 * @param kind session or API token
 * @param expiresAt when it stops resolving; null = never (API tokens only)
 */
public record IssuedToken(long id, String token, TokenKind kind, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", kind=" + kind + ", expiresAt=" + expiresAt + "]";
    }
}
