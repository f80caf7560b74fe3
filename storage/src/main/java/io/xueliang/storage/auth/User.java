package io.xueliang.storage.auth;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user as the API sees it. There is deliberately no password here: the hash stays inside the store.
 *
 * @param username 1-64 of {@code [A-Za-z0-9._@-]}, compared exactly (case-sensitive)
 * @param roles at least one
 * @param regions region paths such as {@code [county, town]} the user is limited to; empty = everywhere
 * @param createdAt when the user was created
 * @param disabled a disabled user cannot log in and their tokens stop resolving
 */
public record User(String username, Set<Role> roles, List<List<String>> regions, Instant createdAt, boolean disabled) {
    /** Longest username: a limit so that names from requests cannot grow rows and log lines without bound. */
    public static final int MAX_USERNAME_LENGTH = 64;
    /** Most region paths per user and most names per path: bounded like every size a request can set. */
    public static final int MAX_REGIONS = 256;
    public static final int MAX_REGION_DEPTH = 8;
    public static final int MAX_REGION_NAME_LENGTH = 128;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME_LENGTH + "}");

    public User {
        checkUsername(username);
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("user " + username + " needs at least one role");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        regions = checkRegions(regions);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new, enabled user. */
    public static User of(String username, Set<Role> roles, List<List<String>> regions, Instant createdAt) {
        return new User(username, roles, regions, createdAt, false);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public User withRoles(Set<Role> newRoles) {
        return new User(username, newRoles, regions, createdAt, disabled);
    }

    public User withRegions(List<List<String>> newRegions) {
        return new User(username, roles, newRegions, createdAt, disabled);
    }

    public User withDisabled(boolean newDisabled) {
        return new User(username, roles, regions, createdAt, newDisabled);
    }

    /**
     * @throws IllegalArgumentException with the rule when {@code username} breaks it
     */
    public static String checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1 to " + MAX_USERNAME_LENGTH
                    + " characters of A-Z a-z 0-9 . _ @ -");
        }
        return username;
    }

    /** Checks the limits and returns an immutable copy. */
    static List<List<String>> checkRegions(List<List<String>> regions) {
        Objects.requireNonNull(regions, "regions");
        if (regions.size() > MAX_REGIONS) {
            throw new IllegalArgumentException("at most " + MAX_REGIONS + " regions per user, not " + regions.size());
        }
        for (List<String> path : regions) {
            if (path == null || path.isEmpty() || path.size() > MAX_REGION_DEPTH) {
                throw new IllegalArgumentException("a region is a path of 1 to " + MAX_REGION_DEPTH + " names: " + path);
            }
            for (String name : path) {
                if (name == null || name.isBlank() || name.length() > MAX_REGION_NAME_LENGTH) {
                    throw new IllegalArgumentException("a region name is 1 to " + MAX_REGION_NAME_LENGTH
                            + " characters, not blank: " + path);
                }
            }
        }
        return regions.stream().map(List::copyOf).toList();
    }
}
