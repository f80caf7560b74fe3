package io.xueliang.storage.auth;

import java.util.Locale;

/** What a user may do (DESIGN.md §10). On the wire and in the store a role is its lower-case name. */
public enum Role {
    /** Live video. */
    VIEWER,
    /** Search, trajectory, playback, export. */
    INVESTIGATOR,
    /** The audit log. */
    AUDITOR,
    /** Cameras, users, configuration. */
    ADMIN;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /**
     * @throws IllegalArgumentException naming the accepted roles when {@code name} is none of them
     */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (expected viewer, investigator, auditor or admin)");
    }
}
