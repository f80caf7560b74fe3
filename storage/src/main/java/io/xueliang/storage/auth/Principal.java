package io.xueliang.storage.auth;

import java.util.List;
import java.util.Set;

/**
 * Who a resolved token speaks for, with the user's roles and regions as they are now (not when the token was issued).
 *
 * @param username the user
 * @param userId the user's id, never given to another user (a user deleted and created again under the same name has
 *     another): bind to it what must follow the account
 * @param roles their roles
 * @param regions their region paths; empty = everywhere
 * @param tokenId the token's id (to revoke it on logout)
 * @param kind session or API token
 */
public record Principal(String username, String userId, Set<Role> roles, List<List<String>> regions, long tokenId, TokenKind kind) {
    public Principal {
        roles = Set.copyOf(roles);
        regions = List.copyOf(regions);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the principal may act everywhere (no region limit). */
    public boolean unrestricted() {
        return regions.isEmpty();
    }
}
