package io.xueliang.config;

import java.util.List;
import java.util.Set;

/**
 * The read store (DESIGN.md §9): how long plate reads are kept, and how they may be searched. Evidence holds keep a
 * camera's reads in their range whatever their age, as they keep its recordings.
 *
 * @param retentionDays            reads older than this are deleted; 1-3650
 * @param retention                per-camera and per-region retention overriding {@code retentionDays}; at most
 *        {@link RetentionRule#MAX_RULES}, one per camera or region
 * @param maxSearchDays            the longest window one search or trajectory may cover, in days; 1-3650. Bounds
 *        the rows one request can make the store walk (a year of a county's reads is 100 million)
 * @param cloneSpeedKmh            a trajectory flags two consecutive sightings as a cloned plate when the speed they
 *        imply is above this, in km/h; 50-1000
 * @param caseReferenceOptionalFor roles (viewer, investigator, auditor, admin) that may search, follow trajectories
 *        and view read images without a case reference and purpose; empty (the default): every request of those
 *        kinds needs both (DESIGN.md §10)
 * @param watchlists               watch lists and their alerts
 */
public record ReadsConfig(int retentionDays, List<RetentionRule> retention, int maxSearchDays, int cloneSpeedKmh,
        List<String> caseReferenceOptionalFor, WatchlistConfig watchlists) {
    /** DESIGN.md §10: reads are kept 90 days unless configured otherwise. */
    public static final int DEFAULT_RETENTION_DAYS = 90;
    /** A month: what an investigation usually looks back over; longer windows are asked for in turns. */
    public static final int DEFAULT_MAX_SEARCH_DAYS = 31;
    /** Faster than any road vehicle between two checkpoints, with room for camera clock skew. */
    public static final int DEFAULT_CLONE_SPEED_KMH = 250;
    private static final Set<String> ROLES = Set.of("viewer", "investigator", "auditor", "admin");

    public ReadsConfig {
        Require.between("retentionDays", retentionDays, 1, 3650);
        retention = RetentionRule.checked(retention);
        Require.nonNull("watchlists", watchlists);
        Require.between("maxSearchDays", maxSearchDays, 1, 3650);
        Require.between("cloneSpeedKmh", cloneSpeedKmh, 50, 1000);
        caseReferenceOptionalFor = List.copyOf(caseReferenceOptionalFor);
        for (int i = 0; i < caseReferenceOptionalFor.size(); i++) {
            if (!ROLES.contains(caseReferenceOptionalFor.get(i))) {
                throw new ConfigException("caseReferenceOptionalFor[" + i + "]",
                        "must be one of viewer, investigator, auditor, admin, got " + caseReferenceOptionalFor.get(i));
            }
        }
    }

    public static ReadsConfig defaults() {
        return new ReadsConfig(DEFAULT_RETENTION_DAYS, List.of(), DEFAULT_MAX_SEARCH_DAYS, DEFAULT_CLONE_SPEED_KMH,
                List.of(), WatchlistConfig.defaults());
    }
}
