package io.xueliang.config;

import java.time.Duration;

/**
 * The audit trail (DESIGN.md §10): how its hash chain is anchored outside the database, and how long records stay in
 * it.
 *
 * @param checkpointInterval how often the chain's head is signed into the checkpoint file (and sent to the
 *        witnesses) when it moved; records written since the last checkpoint are vouched for by nothing outside the
 *        database, so this bounds what a cut tail can hide. 1s-24h
 * @param witness where checkpoints are also sent, off this machine
 * @param retentionDays records older than this many days are moved out of the database into signed archive files
 *        (never deleted without one); 0 keeps every record in the database; else at least a year (DESIGN.md §10):
 *        365-36500
 */
public record AuditConfig(Duration checkpointInterval, AuditWitnessConfig witness, int retentionDays) {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(5);
    /** DESIGN.md §10: audit records are kept at least a year. */
    public static final int MIN_RETENTION_DAYS = 365;
    public static final int DEFAULT_RETENTION_DAYS = 365;

    public AuditConfig {
        Require.between("checkpointInterval", checkpointInterval, Duration.ofSeconds(1), Duration.ofDays(1));
        Require.nonNull("witness", witness);
        if (retentionDays != 0 && (retentionDays < MIN_RETENTION_DAYS || retentionDays > 36_500)) {
            throw new ConfigException("retentionDays", "must be 0 (keep every record) or between "
                    + MIN_RETENTION_DAYS + " and 36500 (audit records are kept at least a year), got " + retentionDays);
        }
    }

    public static AuditConfig defaults() {
        return new AuditConfig(DEFAULT_CHECKPOINT_INTERVAL, AuditWitnessConfig.defaults(), DEFAULT_RETENTION_DAYS);
    }
}
