package io.xueliang.server;

import io.xueliang.config.ConfigException;
import io.xueliang.config.XueliangConfig;
import io.xueliang.storage.audit.AuditVerification;
import io.xueliang.storage.audit.AuditVerifier;
import io.xueliang.storage.sql.StorageException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xueliang audit ...}: offline checks of the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tools.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code xueliang audit verify [--config FILE]}: walks the hash chain, names the first bad record. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit chain in the store; exit 0 when intact, 1 naming the first bad record.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "Configuration whose storage.root holds the store.")
        Path config;

        @Override
        public Integer call() throws Exception {
            XueliangConfig cfg;
            try {
                cfg = RunCommand.loadConfig(config);
            } catch (ConfigException e) {
                System.err.println("xueliang: configuration error: " + e.getMessage());
                return 2;
            }
            AuditVerification v;
            try {
                v = AuditVerifier.verify(cfg.storage().root());
            } catch (StorageException e) {
                System.err.println("xueliang audit verify: " + e.getMessage());
                return 2;
            }
            if (v.ok()) {
                System.out.printf("audit chain intact: %d record(s), last seq %d, head hash %s%n",
                        v.recordsChecked(), v.lastSeq(), v.headHash());
                System.out.println("keep the head hash: records removed from the end can only be told by comparing it later");
                return 0;
            }
            System.out.printf("audit chain BROKEN at record %d (%s): %s%n", v.firstBadSeq(), v.problem(), v.reason());
            System.out.printf("%d record(s) checked before it%n", v.recordsChecked());
            return 1;
        }
    }
}
