package io.xueliang.config;

import java.util.List;

/**
 * The read store (DESIGN.md §9): how long plate reads are kept. Evidence holds keep a camera's reads in their range
 * whatever their age, as they keep its recordings.
 *
 * @param retentionDays reads older than this are deleted; 1-3650
 * @param retention     per-camera and per-region retention overriding {@code retentionDays}; at most
 *        {@link RetentionRule#MAX_RULES}, one per camera or region
 * @param watchlists    watch lists and their alerts
 */
public record ReadsConfig(int retentionDays, List<RetentionRule> retention, WatchlistConfig watchlists) {
    /** DESIGN.md §10: reads are kept 90 days unless configured otherwise. */
    public static final int DEFAULT_RETENTION_DAYS = 90;

    public ReadsConfig {
        Require.between("retentionDays", retentionDays, 1, 3650);
        retention = RetentionRule.checked(retention);
        Require.nonNull("watchlists", watchlists);
    }

    public static ReadsConfig defaults() {
        return new ReadsConfig(DEFAULT_RETENTION_DAYS, List.of(), WatchlistConfig.defaults());
    }
}
