package io.xueliang.storage.audit;

import io.xueliang.storage.signing.Ed25519KeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the audit chain outside the database: each {@link #checkpoint()} signs the chain's head with the checkpoint
 * key, appends the line to the checkpoint file and hands it to the configured witnesses.
 *
 * <pre>
 *   audit_log (database)          keys/audit-checkpoint.key (0600)      audit/checkpoints.log (0600, append-only)
 *   seq 1 .. 1042 .. 1310  --head-->  sign(seq, hash, time)  ------------>  line for 1042, line for 1310, ...
 *                                                                     '-->  syslog / HTTP witness (optional)
 * </pre>
 *
 * Before it signs, it walks the records written since its last checkpoint and checks that the record of that
 * checkpoint is still there with the same hash: it never signs a chain that contradicts what it signed before (its
 * tail cut, records rewritten). Such a chain is logged as an error at every turn and left unsigned; the operator
 * looks with {@code xueliang audit verify}. The walk costs only the records since the last checkpoint, except the
 * first time on a store that has none, when it is the whole chain.
 *
 * <p>Runs on one thread at a time (the calls are serialised); a witness that fails is given the latest checkpoint
 * again at the next call, and its failure does not stop the file from being written.
 */
public final class AuditCheckpointer implements AutoCloseable {
    /** The key's name under {@code <root>/keys}: {@code audit-checkpoint.key} and {@code audit-checkpoint.pub}. */
    public static final String KEY_NAME = "audit-checkpoint";
    public static final String KEY_DIRECTORY = "keys";
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final SqliteAuditLog log;
    private final AuditCheckpointFile file;
    private final Ed25519KeyFile key;
    private final List<AuditWitness> witnesses;
    private final InstantSource clock;
    // Guarded by this.
    private AuditCheckpoint last;
    private String lastLine;
    private final Set<AuditWitness> behind = new LinkedHashSet<>();
    private String problem;

    private AuditCheckpointer(SqliteAuditLog log, AuditCheckpointFile file, Ed25519KeyFile key,
            List<AuditWitness> witnesses, InstantSource clock, AuditCheckpoint last, String lastLine) {
        this.log = log;
        this.file = file;
        this.key = key;
        this.witnesses = List.copyOf(witnesses);
        this.clock = clock;
        this.last = last;
        this.lastLine = lastLine;
    }

    /** The checkpoint public key file of the store under {@code storageRoot}. */
    public static Path publicKeyFile(Path storageRoot) {
        return Ed25519KeyFile.publicFile(storageRoot.resolve(KEY_DIRECTORY), KEY_NAME);
    }

    /**
     * Opens the checkpoint key (made on first use) and file of the store under {@code storageRoot}; the last line that
     * verifies is where the next checkpoint continues from. Holds the file's lines briefly (about 250 bytes each).
     *
     * @throws io.xueliang.storage.signing.SigningKeyException when the key file exists but cannot be used
     * @throws IOException when the key cannot be made or the checkpoint file cannot be read
     */
    public static AuditCheckpointer open(Path storageRoot, SqliteAuditLog log, List<AuditWitness> witnesses,
            InstantSource clock) throws IOException {
        Ed25519KeyFile key = Ed25519KeyFile.loadOrCreate(storageRoot.resolve(KEY_DIRECTORY), KEY_NAME);
        AuditCheckpointFile file = AuditCheckpointFile.under(storageRoot);
        List<AuditCheckpointFile.Line> lines = file.lines();
        AuditCheckpoint last = null;
        String lastLine = null;
        int skipped = 0;
        // The latest line that verifies is where the chain continues; checking from the end costs one signature
        // check when the file is as this class left it.
        for (int i = lines.size() - 1; i >= 0 && last == null; i--) {
            AuditCheckpointFile.Line line = lines.get(i);
            if (line.torn()) {
                continue;
            }
            try {
                AuditCheckpoint.Signed signed = AuditCheckpoint.parse(line.text());
                if (signed.verifiesWith(key.publicKey())) {
                    last = signed.checkpoint();
                    lastLine = line.text();
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // not a checkpoint: counted
            }
            skipped++;
        }
        if (skipped > 0) {
            LOG.error("the last {} line(s) of {} are not checkpoints signed by the checkpoint key {}: run xueliang"
                    + " audit verify", skipped, file.path(), key.fingerprint());
        }
        return new AuditCheckpointer(log, file, key, witnesses, clock, last, lastLine);
    }

    /** The latest checkpoint written or found in the file; empty when there is none yet. */
    public synchronized Optional<AuditCheckpoint> last() {
        return Optional.ofNullable(last);
    }

    /** Why the last call signed nothing though the chain had moved; empty when it did not refuse. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public String keyFingerprint() {
        return key.fingerprint();
    }

    /**
     * Signs the chain's head when it moved since the last checkpoint, after checking that it extends that checkpoint.
     *
     * @return the checkpoint written; empty when the head has not moved or the chain contradicts the last checkpoint
     *         (see {@link #problem()})
     * @throws IOException when the checkpoint file cannot be written (nothing was sent to witnesses then)
     */
    public synchronized Optional<AuditCheckpoint> checkpoint() throws IOException {
        long fromSeq = last == null ? 0 : last.seq();
        String fromHash = last == null ? AuditChain.GENESIS_PREV_HASH : last.hash();
        AuditVerification v = log.verifyAfter(fromSeq, fromHash, (seq, hash) -> { });
        if (!v.ok()) {
            problem = (last == null ? "the audit chain is broken"
                    : "the audit chain contradicts the checkpoint of record " + last.seq() + " made at " + last.at())
                    + ": " + v.reason();
            LOG.error("{}; no checkpoint is signed until this is looked into (xueliang audit verify)", problem);
            catchUpWitnesses();
            return Optional.empty();
        }
        problem = null;
        if (v.lastSeq() == fromSeq) {
            catchUpWitnesses();
            return Optional.empty();
        }
        AuditCheckpoint next = AuditCheckpoint.head(v.lastSeq(), v.headHash(), clock.instant());
        String line = next.line(key);
        file.append(line);
        last = next;
        lastLine = line;
        behind.addAll(witnesses);
        catchUpWitnesses();
        return Optional.of(next);
    }

    /**
     * The latest head checkpoint of the file for a record at or before {@code seq}, when its signature verifies: what
     * retention may archive up to, since the archive's last hash must then equal the checkpoint's.
     */
    public synchronized Optional<AuditCheckpoint> latestHeadAtOrBefore(long seq) throws IOException {
        AuditCheckpointFile.Line[] best = new AuditCheckpointFile.Line[1];
        AuditCheckpoint[] bestCheckpoint = new AuditCheckpoint[1];
        file.read(line -> {
            if (line.torn()) {
                return;
            }
            try {
                AuditCheckpoint c = AuditCheckpoint.parse(line.text()).checkpoint();
                if (c.kind() == AuditCheckpoint.Kind.HEAD && c.seq() <= seq
                        && (bestCheckpoint[0] == null || c.seq() > bestCheckpoint[0].seq())) {
                    best[0] = line;
                    bestCheckpoint[0] = c;
                }
            } catch (IllegalArgumentException e) {
                // not a checkpoint: audit verify reports it
            }
        });
        if (best[0] == null) {
            return Optional.empty();
        }
        if (!AuditCheckpoint.parse(best[0].text()).verifiesWith(key.publicKey())) {
            LOG.error("checkpoint line {} of {} does not verify with the checkpoint key: nothing is archived until this"
                    + " is looked into (xueliang audit verify)", best[0].number(), file.path());
            return Optional.empty();
        }
        return Optional.of(bestCheckpoint[0]);
    }

    /**
     * Signs and appends a base checkpoint: records up to {@code seq} (which a head checkpoint vouches for) are in
     * {@code archive} and are about to be deleted. Witnesses are told it once; one that fails sees the next head.
     */
    public synchronized AuditCheckpoint base(long seq, String hash, String archive, String archiveSha256)
            throws IOException {
        AuditCheckpoint base = new AuditCheckpoint(AuditCheckpoint.Kind.BASE, seq, hash, clock.instant(), archive,
                archiveSha256);
        String line = base.line(key);
        file.append(line);
        for (AuditWitness w : witnesses) {
            try {
                w.send(base, line, key.fingerprint());
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit base checkpoint of record {} not taken by {} ({})", seq, w.describe(), e.toString());
            }
        }
        return base;
    }

    /** The checkpoint key, which also signs retention's archives. */
    Ed25519KeyFile key() {
        return key;
    }

    /** Gives the latest checkpoint to every witness that has not taken it yet. */
    private void catchUpWitnesses() {
        if (last == null) {
            return;
        }
        for (var it = behind.iterator(); it.hasNext(); ) {
            AuditWitness w = it.next();
            try {
                w.send(last, lastLine, key.fingerprint());
                it.remove();
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit checkpoint of record {} not taken by {} ({}); sent again at the next checkpoint",
                        last.seq(), w.describe(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        witnesses.forEach(AuditWitness::close);
    }
}
