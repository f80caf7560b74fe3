package io.xueliang.storage.auth;

import java.time.Instant;

/**
 * What a user's token list shows about one API token; never the token.
 *
 * @param id the token's id
 * @param name the label given when it was issued
 * @param createdAt when it was issued
 * @param lastUsedAt when it last resolved (to {@link SqliteTokenStore}'s resolution), null = never
 * @param expiresAt when it stops resolving, null = never
 */
public record ApiTokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
}
