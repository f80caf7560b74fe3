package io.xueliang.storage.auth;

import java.util.List;
import java.util.Set;

/**
 * Who a resolved token speaks for, with the user's roles and regions as they are now (not when the token was issued).
 *
 * @param username the user
 * @param roles their roles
 * @param regions their region paths; empty = everywhere
 * @param tokenId the token's id (to revoke it on logout)
 * @param kind session or API token
 */
public record Principal(String username, Set<Role> roles, List<List<String>> regions, long tokenId, TokenKind kind) {
    public Principal {
        roles = Set.copyOf(roles);
        regions = List.copyOf(regions);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
