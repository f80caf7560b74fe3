package io.xueliang.api.auth;

import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the roles allow (DESIGN.md §10), in one place: every handler asks here, with the principal's roles as they are
 * now, narrowed to its token's role limit. Where an action applies is {@link RegionScope}'s question, asked as well.
 */
public enum Permission {
    /** Live video: the command centre's wall (DESIGN.md §10: viewers watch live). */
    LIVE(Role.VIEWER, Role.INVESTIGATOR, Role.ADMIN),
    /** Recorded video: recordings, playback, holds, exports. */
    REVIEW(Role.INVESTIGATOR, Role.ADMIN),
    /** Plate reads: searches, one read and its images, trajectories (DESIGN.md §9). */
    SEARCH_READS(Role.INVESTIGATOR, Role.ADMIN),
    /** Releasing an evidence hold: letting evidence go is an administrative act. */
    RELEASE_HOLD(Role.ADMIN),
    /** Listing evidence holds. */
    LIST_HOLDS(Role.INVESTIGATOR, Role.ADMIN, Role.AUDITOR),
    /** Watch lists (布控): making, changing and deleting them, and seeing them. */
    WATCH(Role.INVESTIGATOR, Role.ADMIN),
    /** Watch-list alerts: seeing them (list and live stream) and acknowledging them, as the operator on duty does. */
    ALERTS(Role.VIEWER, Role.INVESTIGATOR, Role.ADMIN),
    /** Cameras and users. */
    ADMINISTER(Role.ADMIN),
    /** The audit trail; only for unrestricted principals (see {@link #needsWholeNetwork}). */
    AUDIT(Role.AUDITOR),
    /** Every camera's metrics on {@code /metrics}; only for unrestricted principals. */
    METRICS(Role.ADMIN),
    /** The GB/T 28181 devices registered; only for unrestricted principals (a device's channels span regions). */
    DEVICES(Role.ADMIN);

    private final Set<Role> roles;

    Permission(Role first, Role... more) {
        this.roles = EnumSet.of(first, more);
    }

    /** Whether {@code who}'s roles grant this, wherever it applies. */
    public boolean grantedTo(Principal who) {
        for (Role role : roles) {
            if (who.has(role)) {
                return needsWholeNetwork() ? who.unrestricted() : true;
            }
        }
        return false;
    }

    /**
     * Whether this concerns the whole network and so is only for principals without a region limit: the audit trail
     * holds every region's records (logins, user changes and searches that name no camera among them) and cannot be
     * divided without hiding or leaking some, {@code /metrics} names every camera, and a GB/T 28181 device (an NVR, a
     * township platform) may carry channels of several regions.
     */
    public boolean needsWholeNetwork() {
        return this == AUDIT || this == METRICS || this == DEVICES;
    }
}
