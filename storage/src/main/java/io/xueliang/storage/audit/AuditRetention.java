package io.xueliang.storage.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit retention (DESIGN.md §10: at least a year): records older than the retention period leave the database only
 * after they are in a signed archive, and the chain stays verifiable. One pass:
 *
 * <pre>
 *   1. through = the latest head checkpoint at or before the last record older than the period (at most
 *      {@link #MAX_ARCHIVE_RECORDS} past the base): only records a signed checkpoint vouches for are archived
 *   2. archive/audit-&lt;first&gt;-&lt;through&gt;.jsonl: the records, their chain checked as they are written, ending in
 *      that checkpoint's hash; signed trailer; synced; read back and verified
 *   3. a signed base checkpoint (kind=base, the archive's name and SHA-256) in the checkpoint file and to witnesses
 *   4. audit_base gets the new base; records up to it are deleted in batches (the database refuses any above it)
 *   5. the deletion is itself recorded in the chain ("audit retention", with the archive's name and SHA-256)
 * </pre>
 *
 * A crash between the steps leaves the records in the database, or deletes them on the next pass; an archive written
 * again replaces one of the same range. Nothing is deleted when the chain contradicts its checkpoints.
 */
public final class AuditRetention {
    /** Records per archive file, and so per pass: bounds a pass's file (about 400 MB) and its time. */
    static final int MAX_ARCHIVE_RECORDS = 1_000_000;
    /** Records deleted per transaction, so that the store's one writer is never held for long. */
    static final int DELETE_BATCH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final SqliteAuditLog log;
    private final AuditCheckpointer checkpoints;
    private final Path archiveDirectory;
    private final Duration keep;
    private final InstantSource clock;

    /**
     * @param archiveDirectory {@link AuditArchive#directory} of the store
     * @param keep records older than this are archived and deleted
     */
    public AuditRetention(SqliteAuditLog log, AuditCheckpointer checkpoints, Path archiveDirectory, Duration keep,
            InstantSource clock) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.archiveDirectory = archiveDirectory;
        this.keep = keep;
        this.clock = clock;
    }

    /**
     * Archives and deletes what has aged out, at most {@link #MAX_ARCHIVE_RECORDS} records.
     *
     * @return the archive written; empty when nothing was due, or nothing could be archived safely (logged)
     * @throws IOException when the archive or checkpoint could not be written (nothing was deleted then)
     */
    public synchronized Optional<AuditArchive.Written> sweep() throws IOException {
        deleteArchived();
        if (checkpoints.problem().isPresent()) {
            LOG.warn("audit retention skipped: {}", checkpoints.problem().get());
            return Optional.empty();
        }
        AuditBase base = log.base().orElse(null);
        long after = base == null ? 0 : base.seq();
        String prev = base == null ? AuditChain.GENESIS_PREV_HASH : base.hash();
        long due = Math.min(log.lastSeqBefore(clock.instant().minus(keep)), after + MAX_ARCHIVE_RECORDS);
        if (due <= after) {
            return Optional.empty();
        }
        Optional<AuditCheckpoint> vouched = checkpoints.latestHeadAtOrBefore(due);
        if (vouched.isEmpty() || vouched.get().seq() <= after) {
            return Optional.empty(); // the aged records are not vouched for by a checkpoint yet
        }
        AuditCheckpoint through = vouched.get();
        AuditArchive.Written archive = AuditArchive.write(archiveDirectory, after + 1, through.seq(), prev,
                log::records, checkpoints.key(), clock);
        AuditArchive.Check check = AuditArchive.verify(archiveDirectory.resolve(archive.fileName()),
                checkpoints.key().publicKey());
        if (!check.ok() || !archive.headHash().equals(through.hash())) {
            throw new AuditArchive.ChainException("the archive " + archive.fileName() + " does not end in the hash of"
                    + " the checkpoint of record " + through.seq() + " or does not verify " + check.problems()
                    + ": nothing deleted");
        }
        checkpoints.base(through.seq(), through.hash(), archive.fileName(), archive.sha256());
        await(log.recordBase(new AuditBase(through.seq(), through.hash(), clock.instant(), archive.fileName(),
                archive.sha256())));
        long deleted = deleteArchived();
        TreeMap<String, String> parameters = new TreeMap<>();
        parameters.put("archive", archive.fileName());
        parameters.put("first", Long.toString(archive.first()));
        parameters.put("last", Long.toString(archive.last()));
        parameters.put("sha256", archive.sha256());
        await(log.append(new AuditEntry(clock.instant(), "xueliang", List.of(), "local", "audit retention", parameters,
                "records older than " + keep.toDays() + " days archived and deleted", null, archive.records(), 200)));
        LOG.info("audit retention: records {}..{} archived to {} (sha256 {}) and {} deleted from the store",
                archive.first(), archive.last(), archiveDirectory.resolve(archive.fileName()), archive.sha256(), deleted);
        return Optional.of(archive);
    }

    /** Deletes the records at or below the recorded base that are still there (a pass a crash cut short). */
    private long deleteArchived() throws IOException {
        long total = 0;
        int n;
        do {
            n = await(log.deleteArchived(DELETE_BATCH));
            total += n;
        } while (n == DELETE_BATCH);
        return total;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws IOException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("audit retention interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("audit retention could not write to the store: " + e, e);
        }
    }
}
