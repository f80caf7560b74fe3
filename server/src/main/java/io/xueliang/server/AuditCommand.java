package io.xueliang.server;

import io.xueliang.config.ConfigException;
import io.xueliang.config.XueliangConfig;
import io.xueliang.storage.audit.AuditAnchoring;
import io.xueliang.storage.audit.AuditArchive;
import io.xueliang.storage.audit.AuditBase;
import io.xueliang.storage.audit.AuditCheckpoint;
import io.xueliang.storage.audit.AuditExpectation;
import io.xueliang.storage.audit.AuditReport;
import io.xueliang.storage.audit.AuditVerification;
import io.xueliang.storage.audit.AuditVerifier;
import io.xueliang.sql.StorageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xueliang audit ...}: offline checks of the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tools.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.VerifyArchive.class})
final class AuditCommand implements Runnable {
    /** Exit code: the chain is intact and nothing kept outside the database contradicts it. */
    static final int INTACT = 0;
    /** Exit code: a record of the chain is changed, missing or out of place. */
    static final int CHAIN_BROKEN = 1;
    /** Exit code: the command could not run (configuration, store or key file unreadable, bad arguments). */
    static final int CANNOT_RUN = 2;
    /** Exit code: the chain holds together but contradicts a signed checkpoint or an expected head (tail cut, chain
     *  rebuilt, checkpoints forged or removed). */
    static final int ANCHOR_CONTRADICTED = 3;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code xueliang audit verify [--config FILE] [--key PUB.pem] [--expect SEQ:HASH]...}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the audit chain in the store, and hold it against its signed checkpoints"
                    + " (<storage.root>/audit/checkpoints.log) and the heads given with --expect.",
                    "Exit 0 when intact, 1 naming the first bad record, 2 when it cannot run, 3 when the chain"
                            + " contradicts a checkpoint or an expected head (records cut off its end, or the chain"
                            + " rebuilt without some of them)."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "Configuration whose storage.root holds the store.")
        Path config;

        @Option(names = "--key", paramLabel = "PUB.pem", converter = TrustedKey.Converter.class,
                description = "The checkpoint public key (PEM) kept off the machine. Without it the store's own"
                        + " keys/audit-checkpoint.pub is used and its fingerprint printed for you to compare.")
        TrustedKey key;

        @Option(names = "--expect", paramLabel = "SEQ:HASH",
                description = "A head printed by an earlier verify or kept by a witness: the chain must contain"
                        + " record SEQ with hash HASH. May be given more than once.")
        List<String> expect = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            XueliangConfig cfg;
            try {
                cfg = RunCommand.loadConfig(config);
            } catch (ConfigException e) {
                System.err.println("xueliang: configuration error: " + e.getMessage());
                return CANNOT_RUN;
            }
            List<AuditExpectation> expectations = new ArrayList<>();
            for (String e : expect) {
                try {
                    expectations.add(AuditExpectation.parse(e));
                } catch (IllegalArgumentException ex) {
                    System.err.println("xueliang audit verify: --expect " + ex.getMessage());
                    return CANNOT_RUN;
                }
            }
            AuditReport report;
            try {
                report = AuditVerifier.verify(cfg.storage().root(), key == null ? null : key.key(), expectations);
            } catch (StorageException | IOException e) {
                System.err.println("xueliang audit verify: " + e.getMessage());
                return CANNOT_RUN;
            }
            return print(report, System.out);
        }

        private int print(AuditReport report, PrintStream out) {
            AuditVerification v = report.chain();
            AuditAnchoring a = report.anchoring();
            AuditBase base = report.base();
            if (v.ok()) {
                out.printf("audit chain intact: %d record(s)%s, last seq %d, head hash %s%n", v.recordsChecked(),
                        base == null ? "" : " after the base", v.lastSeq(), v.headHash());
            } else {
                out.printf("audit chain BROKEN at record %d (%s): %s%n", v.firstBadSeq(), v.problem(), v.reason());
                out.printf("%d record(s) checked before it%n", v.recordsChecked());
            }
            switch (a.keySource()) {
                case TRUSTED -> out.printf("checkpoints: %d in the file, checked with the trusted key %s, fingerprint"
                        + " %s%n", a.checkpoints(), key.file(), a.keyFingerprint());
                case STORE -> out.printf("checkpoints: %d in the file, checked with the store's key, fingerprint %s"
                        + " (compare it with your copy, or give --key)%n", a.checkpoints(), a.keyFingerprint());
                case NONE -> out.println("checkpoints: NOT checked, there is no checkpoint key");
            }
            AuditCheckpoint vouching = a.vouching();
            long end = v.ok() ? v.lastSeq() : v.firstBadSeq() - 1;
            long baseSeq = base == null ? 0 : base.seq();
            if (base != null) {
                out.printf("  records 1..%d archived to audit/archive/%s (SHA-256 %s) on %s and deleted from the"
                        + " store%n", base.seq(), base.archive(), base.archiveSha256(), base.at());
            }
            if (vouching != null && vouching.seq() > baseSeq) {
                out.printf("  records %d..%d vouched for by the checkpoint made %s%n", baseSeq + 1, vouching.seq(),
                        vouching.at());
            }
            long after = vouching == null ? baseSeq : Math.max(baseSeq, vouching.seq());
            if (end > after && a.ok()) {
                out.printf("  records %d..%d written after the last checkpoint: nothing outside the database vouches"
                        + " for them yet%n", after + 1, end);
            }
            a.notes().forEach(n -> out.println("  note: " + n));
            a.problems().forEach(p -> out.println("  CONTRADICTED: " + p));
            if (v.ok() && a.ok()) {
                out.printf("keep the head to compare later: --expect %d:%s%n", v.lastSeq(), v.headHash());
                return INTACT;
            }
            return v.ok() ? ANCHOR_CONTRADICTED : CHAIN_BROKEN;
        }
    }

    /** {@code xueliang audit verify-archive FILE [--key PUB.pem | --config FILE]}: an archive retention wrote. */
    @Command(name = "verify-archive", mixinStandardHelpOptions = true,
            description = {"Verify an audit archive that retention wrote (<storage.root>/audit/archive/*.jsonl):"
                    + " every record against its hash and the one before it, and the signed trailer.",
                    "Exit 0 when whole and signed by the key, 1 naming what is wrong, 2 when it cannot run."})
    static final class VerifyArchive implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "The archive.")
        Path file;

        @Option(names = "--key", paramLabel = "PUB.pem", converter = TrustedKey.Converter.class,
                description = "The audit checkpoint public key; without it the one of --config's store is used.")
        TrustedKey key;

        @Option(names = "--config", paramLabel = "FILE", description = "Configuration whose storage.root holds the key.")
        Path config;

        @Override
        public Integer call() throws Exception {
            TrustedKey trusted = key;
            if (trusted == null) {
                try {
                    trusted = new TrustedKey.Converter().convert(io.xueliang.storage.audit.AuditCheckpointer
                            .publicKeyFile(RunCommand.loadConfig(config).storage().root()).toString());
                } catch (ConfigException e) {
                    System.err.println("xueliang: configuration error: " + e.getMessage());
                    return CANNOT_RUN;
                } catch (picocli.CommandLine.TypeConversionException e) {
                    System.err.println("xueliang audit verify-archive: " + e.getMessage());
                    return CANNOT_RUN;
                }
            }
            PublicKey publicKey = trusted.key();
            AuditArchive.Check check;
            try {
                check = AuditArchive.verify(file, publicKey);
            } catch (IOException e) {
                System.err.println("xueliang audit verify-archive: cannot read " + file + ": " + e.getMessage());
                return CANNOT_RUN;
            }
            PrintStream out = System.out;
            if (check.ok()) {
                AuditArchive.Written a = check.archive();
                out.printf("audit archive intact and signed: records %d..%d (%d), chain from %s to %s%n", a.first(),
                        a.last(), a.records(), a.prevHash(), a.headHash());
                out.printf("its SHA-256 is %s: the base checkpoint of record %d names it%n", a.sha256(), a.last());
                return INTACT;
            }
            out.printf("audit archive FAILED verification: %s, %d problem(s)%n", file, check.problems().size());
            check.problems().forEach(p -> out.println("  " + p));
            return CHAIN_BROKEN;
        }
    }
}
