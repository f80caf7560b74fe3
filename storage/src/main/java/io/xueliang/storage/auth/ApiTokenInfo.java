package io.xueliang.storage.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What a user's token list shows about one API token; never the token.
 *
 * @param id the token's id
 * @param name the label given when it was issued
 * @param roles the roles it is limited to; empty = all of its user's
 * @param createdAt when it was issued
 * @param lastUsedAt when it last resolved (to {@link SqliteTokenStore}'s resolution), null = never
 * @param expiresAt when it stops resolving, null = never
 */
public record ApiTokenInfo(long id, String name, Set<Role> roles, Instant createdAt, Instant lastUsedAt,
        Instant expiresAt) {
    public ApiTokenInfo {
        roles = Set.copyOf(roles);
    }
}
