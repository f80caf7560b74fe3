package io.xueliang.server;

import io.xueliang.config.AuditWitnessConfig;
import io.xueliang.storage.audit.AuditCheckpointer;
import io.xueliang.storage.audit.AuditRetention;
import io.xueliang.storage.audit.AuditWitness;
import io.xueliang.storage.audit.witness.HttpWitness;
import io.xueliang.storage.audit.witness.SyslogWitness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit checkpoint witnesses the configuration names, and one checkpoint or retention pass as the server runs it.
 */
final class AuditWitnesses {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWitnesses.class);

    private AuditWitnesses() {
    }

    static List<AuditWitness> of(AuditWitnessConfig config) {
        List<AuditWitness> witnesses = new ArrayList<>();
        if (config.syslog() != null) {
            witnesses.add(new SyslogWitness(config.syslog(), config.timeout()));
        }
        if (config.http() != null) {
            witnesses.add(new HttpWitness(config.http(), config.httpToken(), config.timeout()));
        }
        return witnesses;
    }

    /** Signs the audit chain's head if it moved; a failure is logged, and the next pass tries again. */
    static void checkpoint(AuditCheckpointer checkpoints) {
        try {
            checkpoints.checkpoint().ifPresent(c -> LOG.debug("audit checkpoint: record {} hash {}", c.seq(), c.hash()));
        } catch (IOException e) {
            LOG.error("audit checkpoint could not be written to the checkpoint file; tried again at the next turn", e);
        }
    }

    /** Archives and deletes the audit records that aged out; a failure is logged and nothing was deleted. */
    static void sweep(AuditRetention retention) {
        try {
            retention.sweep();
        } catch (IOException e) {
            LOG.error("audit retention could not archive; nothing was deleted, tried again at the next turn", e);
        }
    }
}
