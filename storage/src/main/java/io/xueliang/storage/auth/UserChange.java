package io.xueliang.storage.auth;

import java.util.List;
import java.util.Set;

/**
 * A partial update of a user (PATCH): {@code null} leaves that field as it is.
 *
 * @param roles new roles (non-empty) or null
 * @param regions new region paths (empty = everywhere) or null
 * @param disabled new disabled flag or null
 */
public record UserChange(Set<Role> roles, List<List<String>> regions, Boolean disabled) {
    /** Checks here, on the caller's thread, so a bad change fails at once with the rule it breaks. */
    public UserChange {
        if (roles != null) {
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("a user needs at least one role");
            }
            roles = Set.copyOf(roles);
        }
        if (regions != null) {
            regions = User.checkRegions(regions);
        }
    }

    public static UserChange roles(Set<Role> roles) {
        return new UserChange(roles, null, null);
    }

    public static UserChange regions(List<List<String>> regions) {
        return new UserChange(null, regions, null);
    }

    public static UserChange disabled(boolean disabled) {
        return new UserChange(null, null, disabled);
    }

    User applyTo(User user) {
        User changed = user;
        if (roles != null) {
            changed = changed.withRoles(roles);
        }
        if (regions != null) {
            changed = changed.withRegions(regions);
        }
        if (disabled != null) {
            changed = changed.withDisabled(disabled);
        }
        return changed;
    }
}
