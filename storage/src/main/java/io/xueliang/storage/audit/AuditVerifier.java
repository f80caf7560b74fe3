package io.xueliang.storage.audit;

import io.xueliang.storage.audit.AuditAnchoring.KeySource;
import io.xueliang.storage.signing.Ed25519Pem;
import io.xueliang.storage.signing.SigningKeyException;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine of {@code xueliang audit verify}: checks the audit chain of the store under a storage root without the
 * server, reading only, and holds it against what is kept outside the database: the signed checkpoints of
 * {@link AuditCheckpointFile} and heads the operator expects. It may run while the server runs (WAL readers do not
 * block the writer); it then checks the records committed when it started.
 *
 * <p>The chain alone cannot show records cut off its end, nor a chain rebuilt from scratch without some of its
 * records; a checkpoint can. A checkpoint whose record is beyond the end of the chain means its tail was cut; one
 * whose record has another hash means records up to it were rewritten.
 */
public final class AuditVerifier {
    /** Problems of one kind named one by one before the rest are counted: a wrecked file is not a million lines. */
    private static final int MAX_NAMED = 20;
    /** Agreeing checkpoint lines tried, latest first, for one that verifies. */
    private static final int MAX_TRIED = 1_000;

    private AuditVerifier() {
    }

    /**
     * The chain alone, without checkpoints.
     *
     * @param storageRoot the configured {@code storage.root}
     * @throws io.xueliang.sql.StorageException when there is no readable database of this schema there
     */
    public static AuditVerification verify(Path storageRoot) {
        try (EmbeddedDatabase database = openReadOnly(storageRoot)) {
            return new SqliteAuditLog(database).verify();
        }
    }

    /**
     * The chain, its checkpoints and {@code expectations}.
     *
     * @param trustedKey the checkpoint public key the operator keeps; null to use the store's own
     *        {@code keys/audit-checkpoint.pub}
     * @throws io.xueliang.sql.StorageException when there is no readable database of this schema there
     * @throws IOException when the checkpoint file exists but cannot be read
     */
    public static AuditReport verify(Path storageRoot, PublicKey trustedKey, List<AuditExpectation> expectations)
            throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PublicKey key = trustedKey;
        KeySource source = KeySource.TRUSTED;
        Path storeKey = AuditCheckpointer.publicKeyFile(storageRoot);
        if (key == null) {
            source = KeySource.NONE;
            if (Files.exists(storeKey)) {
                try {
                    key = Ed25519Pem.readPublic(storeKey);
                    source = KeySource.STORE;
                } catch (SigningKeyException e) {
                    problems.add("the checkpoint public key " + e.getMessage());
                }
            }
        }
        AuditCheckpointFile file = AuditCheckpointFile.under(storageRoot);
        Checkpoints checkpoints = readCheckpoints(file, problems, notes);

        Map<Long, List<AuditExpectation>> expected = new HashMap<>();
        expectations.forEach(e -> expected.computeIfAbsent(e.seq(), s -> new ArrayList<>()).add(e));
        List<Checkpoints.Numbered> agreeing = new ArrayList<>();
        List<Contradiction> contradictions = new ArrayList<>();
        AuditVerification chain;
        AuditBase base;
        try (EmbeddedDatabase database = openReadOnly(storageRoot)) {
            SqliteAuditLog log = new SqliteAuditLog(database);
            base = log.base().orElse(null);
            chain = log.verifyAfter(0, AuditChain.GENESIS_PREV_HASH, (seq, hash) -> {
                for (Checkpoints.Numbered c : checkpoints.bySeq.getOrDefault(seq, List.of())) {
                    if (c.checkpoint().hash().equals(hash)) {
                        agreeing.add(c);
                    } else {
                        contradictions.add(new Contradiction(c, "vouches for record " + seq + " with hash "
                                + c.checkpoint().hash() + ", but record " + seq + " has hash " + hash
                                + ": records up to " + seq + " were rewritten"));
                    }
                }
                for (AuditExpectation e : expected.getOrDefault(seq, List.of())) {
                    if (e.hash().equals(hash)) {
                        notes.add("expected head " + e + " is in the chain");
                    } else {
                        problems.add("expected head " + e + " is not in the chain: record " + seq + " has hash "
                                + hash);
                    }
                }
            });
        }
        // Records up to the base are archived: checkpoints of them are the archive's to bear out, except at the
        // base itself, whose hash the database keeps.
        long baseSeq = base == null ? 0 : base.seq();
        List<Checkpoints.Numbered> baseLines = new ArrayList<>();
        for (Checkpoints.Numbered c : checkpoints.bySeq.getOrDefault(baseSeq, List.of())) {
            if (base == null) {
                break;
            }
            if (!c.checkpoint().hash().equals(base.hash())) {
                contradictions.add(new Contradiction(c, "vouches for record " + baseSeq + " with hash "
                        + c.checkpoint().hash() + ", but the store's base (the last archived record) has hash "
                        + base.hash() + ": records up to " + baseSeq + " were rewritten"));
            } else if (c.checkpoint().kind() == AuditCheckpoint.Kind.BASE
                    && c.checkpoint().archive().equals(base.archive())
                    && c.checkpoint().archiveSha256().equals(base.archiveSha256())) {
                baseLines.add(c);
            } else if (c.checkpoint().kind() == AuditCheckpoint.Kind.HEAD) {
                agreeing.add(c);
            }
        }
        // Beyond a break nothing can be said; the break itself is the finding.
        long end = chain.ok() ? chain.lastSeq() : chain.firstBadSeq() - 1;
        boolean endKnown = chain.ok();
        for (Checkpoints.Numbered c : checkpoints.all) {
            if (endKnown && c.checkpoint().seq() > end) {
                contradictions.add(new Contradiction(c, "vouches for record " + c.checkpoint().seq()
                        + ", but the chain ends at record " + end + ": records " + (end + 1) + ".."
                        + c.checkpoint().seq() + " were removed"));
            }
        }
        for (AuditExpectation e : expectations) {
            if (endKnown && e.seq() > end) {
                problems.add("expected head " + e + " is not in the chain: it ends at record " + end);
            }
        }

        AuditCheckpoint vouching = null;
        if (key != null) {
            String fingerprint = Ed25519Pem.fingerprint(key);
            // Signatures cost about a millisecond each: only the lines that decide are checked. A line that
            // contradicts the chain is either genuine (the chain was changed) or forged (the file was): a failure
            // either way, and the first few are told apart. Of the lines that agree, the latest that verifies vouches.
            contradictions.sort(Comparator.comparingLong(c -> c.line().line()));
            for (int i = 0; i < contradictions.size() && i < MAX_NAMED; i++) {
                Contradiction c = contradictions.get(i);
                problems.add(verifies(file, c.line(), key) ? "checkpoint line " + c.line().line() + " (made "
                        + c.line().checkpoint().at() + ") " + c.text() : doesNotVerify(c.line(), fingerprint));
            }
            if (contradictions.size() > MAX_NAMED) {
                problems.add((contradictions.size() - MAX_NAMED) + " more checkpoint line(s) contradict the chain");
            }
            agreeing.sort(Comparator.comparingLong((Checkpoints.Numbered c) -> c.checkpoint().seq())
                    .thenComparingLong(Checkpoints.Numbered::line).reversed());
            int tried = 0;
            for (Checkpoints.Numbered c : agreeing) {
                if (tried++ == MAX_TRIED) {
                    problems.add("none of the " + MAX_TRIED + " latest checkpoint lines that agree with the chain"
                            + " verifies");
                    break;
                }
                if (verifies(file, c, key)) {
                    vouching = c.checkpoint();
                    break;
                }
                if (tried <= MAX_NAMED) {
                    problems.add(doesNotVerify(c, fingerprint));
                }
            }
            AuditCheckpoint baseLine = null;
            for (Checkpoints.Numbered c : baseLines) {
                if (verifies(file, c, key)) {
                    baseLine = c.checkpoint();
                    break;
                }
                problems.add(doesNotVerify(c, fingerprint));
            }
            if (base != null && baseLine == null) {
                problems.add("the store says records up to " + baseSeq + " were archived to " + base.archive()
                        + " (SHA-256 " + base.archiveSha256() + "), but no signed base checkpoint says so: they were"
                        + " deleted by other means than retention");
            } else if (base != null) {
                checkArchive(AuditArchive.directory(storageRoot).resolve(base.archive()), base, problems, notes);
            }
            if (vouching == null && baseLine != null) {
                vouching = baseLine;
            }
            if (chain.lastSeq() > baseSeq && vouching == null && contradictions.isEmpty()) {
                problems.add("no signed checkpoint vouches for any record ("
                        + (!checkpoints.fileExists ? "there is no checkpoint file" : checkpoints.lines == 0
                                ? "the checkpoint file is empty" : "no line of the checkpoint file verifies")
                        + "): checkpoints were removed, or no server that anchors the chain has run on this store"
                        + " (start it once)");
            }
        } else if (source == KeySource.NONE && (chain.lastSeq() > 0 || checkpoints.lines > 0)) {
            problems.add("no checkpoint key: " + storeKey + " is missing and no trusted key was given, so nothing"
                    + " outside the database vouches for the chain");
        } else if (!contradictions.isEmpty()) {
            problems.add(contradictions.size() + " checkpoint line(s) contradict the chain (their signatures could"
                    + " not be checked)");
        }
        return new AuditReport(chain, base, new AuditAnchoring(source, key == null ? null : Ed25519Pem.fingerprint(key),
                checkpoints.all.size(), vouching, problems, notes));
    }

    /** The archive the base names, when it is still beside the store: it must be the file the base checkpoint names. */
    private static void checkArchive(Path archive, AuditBase base, List<String> problems, List<String> notes)
            throws IOException {
        if (!Files.exists(archive)) {
            notes.add("records up to " + base.seq() + " were archived to " + base.archive() + ", which is no longer in "
                    + archive.getParent() + ": check it where it is kept with xueliang audit verify-archive");
            return;
        }
        String sha = AuditArchive.fileSha256(archive);
        if (!sha.equals(base.archiveSha256())) {
            problems.add("the archive " + archive + " has SHA-256 " + sha + ", not the " + base.archiveSha256()
                    + " its base checkpoint names: it was changed or replaced");
        }
    }

    /** A checkpoint line the chain does not bear out, and how. */
    private record Contradiction(Checkpoints.Numbered line, String text) {
    }

    private static boolean verifies(AuditCheckpointFile file, Checkpoints.Numbered c, PublicKey key)
            throws IOException {
        return AuditCheckpoint.parse(file.lineAt(c.offset())).verifiesWith(key);
    }

    private static String doesNotVerify(Checkpoints.Numbered c, String fingerprint) {
        return "checkpoint line " + c.line() + " (record " + c.checkpoint().seq() + ", made " + c.checkpoint().at()
                + ") does not verify with key " + fingerprint + ": forged, edited, or signed by another key";
    }

    /** The checkpoint lines that parse, by record and in file order. */
    private static final class Checkpoints {
        record Numbered(long line, long offset, AuditCheckpoint checkpoint) {
        }

        final List<Numbered> all = new ArrayList<>();
        final Map<Long, List<Numbered>> bySeq = new HashMap<>();
        boolean fileExists;
        long lines;
    }

    private static Checkpoints readCheckpoints(AuditCheckpointFile file, List<String> problems, List<String> notes)
            throws IOException {
        Checkpoints found = new Checkpoints();
        long[] unparsed = new long[1];
        found.fileExists = file.read(line -> {
            found.lines++;
            if (line.torn()) {
                notes.add("checkpoint line " + line.number() + " has no end (a crash while it was written):"
                        + " ignored, it vouches for nothing");
                return;
            }
            AuditCheckpoint checkpoint;
            try {
                checkpoint = AuditCheckpoint.parse(line.text()).checkpoint();
            } catch (IllegalArgumentException e) {
                if (++unparsed[0] <= MAX_NAMED) {
                    problems.add("checkpoint line " + line.number() + " is not a checkpoint (" + e.getMessage() + ")");
                }
                return;
            }
            Checkpoints.Numbered n = new Checkpoints.Numbered(line.number(), line.offset(), checkpoint);
            found.all.add(n);
            found.bySeq.computeIfAbsent(checkpoint.seq(), s -> new ArrayList<>()).add(n);
        });
        if (unparsed[0] > MAX_NAMED) {
            problems.add((unparsed[0] - MAX_NAMED) + " more line(s) of the checkpoint file are not checkpoints");
        }
        return found;
    }

    private static EmbeddedDatabase openReadOnly(Path storageRoot) {
        EmbeddedDatabaseSettings settings = EmbeddedDatabaseSettings.defaults();
        settings = new EmbeddedDatabaseSettings(settings.writeQueueLimit(), settings.maxBatch(), 1,
                settings.busyTimeout(), settings.syncEveryCommit());
        return EmbeddedDatabase.openReadOnly(storageRoot, settings);
    }
}
