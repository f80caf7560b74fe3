package io.xueliang.config;

import java.time.Duration;

/**
 * The audit trail (DESIGN.md §10): how its hash chain is anchored outside the database.
 *
 * @param checkpointInterval how often the chain's head is signed into the checkpoint file (and sent to the
 *        witnesses) when it moved; records written since the last checkpoint are vouched for by nothing outside the
 *        database, so this bounds what a cut tail can hide. 1s-24h
 * @param witness where checkpoints are also sent, off this machine
 */
public record AuditConfig(Duration checkpointInterval, AuditWitnessConfig witness) {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(5);

    public AuditConfig {
        Require.between("checkpointInterval", checkpointInterval, Duration.ofSeconds(1), Duration.ofDays(1));
        Require.nonNull("witness", witness);
    }

    public static AuditConfig defaults() {
        return new AuditConfig(DEFAULT_CHECKPOINT_INTERVAL, AuditWitnessConfig.defaults());
    }
}
