package io.xueliang.storage.audit;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import io.xueliang.sql.WriteTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sqlite.SQLiteErrorCode;

/**
 * The audit log in the embedded store's {@code audit_log} table (schema V1).
 *
 * <p>An append inserts the record after the chain head inside the writer's transaction. The store has one writer
 * thread, so appends from any number of request threads are ordered there: one unbroken chain, and a burst of
 * appends commits as one transaction.
 *
 * <p>The head (seq and hash of the last record) is kept in memory after the first append instead of being read
 * before each one, and the append's statements are prepared once: both cost more than the insert itself at the
 * request rates of the API (docs/BENCHMARKS.md, API). The kept head is dropped whenever the store rolls an append
 * back. Any number of these objects may still share one database: one that appended since makes this one's next seq
 * collide with the primary key, and this one then reads the head from the table and appends after it.
 */
public final class SqliteAuditLog implements AuditLog {
    private static final String COLUMNS = "seq, at_micros, actor, roles, source_address, action, parameters, purpose,"
            + " case_reference, result_count, outcome, prev_hash, hash";

    private final EmbeddedDatabase database;
    // Touched on the store's writer thread only.
    private WriterStatements statements;
    private Head head;

    public SqliteAuditLog(EmbeddedDatabase database) {
        this.database = database;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        return database.submit(new WriteTask<>() {
            @Override
            public AuditRecord apply(Connection connection) throws SQLException {
                return appendNow(connection, entry);
            }

            @Override
            public void rolledBack() {
                head = null;
            }
        });
    }

    /** The last record of the chain: seq 0 and the genesis hash when there is none. */
    private record Head(long seq, String hash) {
    }

    private AuditRecord appendNow(Connection connection, AuditEntry entry) throws SQLException {
        WriterStatements st = statements(connection);
        Head known = head;
        AuditRecord record;
        if (known == null) {
            record = insert(st, readHead(st), entry);
        } else {
            try {
                record = insert(st, known, entry);
            } catch (SQLException e) {
                if (e.getErrorCode() != SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
                    throw e;
                }
                // Another appender on this database went first: continue from the head it left.
                record = insert(st, readHead(st), entry);
            }
        }
        head = new Head(record.seq(), record.hash());
        return record;
    }

    private static Head readHead(WriterStatements st) throws SQLException {
        try (ResultSet rs = st.head.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, AuditChain.GENESIS_PREV_HASH);
        }
    }

    private static AuditRecord insert(WriterStatements st, Head prev, AuditEntry entry) throws SQLException {
        long seq = prev.seq() + 1;
        String hash = AuditChain.hash(seq, prev.hash(), entry);
        PreparedStatement insert = st.insert;
        insert.clearParameters();
        insert.setLong(1, seq);
        insert.setLong(2, micros(entry.at()));
        insert.setString(3, entry.actor());
        insert.setString(4, AuditColumns.roles(entry.roles()));
        insert.setString(5, entry.sourceAddress());
        insert.setString(6, entry.action());
        insert.setString(7, AuditColumns.parameters(entry.parameters()));
        insert.setString(8, entry.purpose());
        insert.setString(9, entry.caseReference());
        insert.setLong(10, entry.resultCount());
        insert.setInt(11, entry.outcome());
        insert.setString(12, prev.hash());
        insert.setString(13, hash);
        insert.executeUpdate();
        return new AuditRecord(seq, entry, prev.hash(), hash);
    }

    private WriterStatements statements(Connection connection) throws SQLException {
        WriterStatements st = statements;
        if (st == null || st.connection != connection) {
            st = new WriterStatements(connection,
                    connection.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"),
                    connection.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            statements = st;
        }
        return st;
    }

    /** The append's statements on the writer connection; closed with it. */
    private record WriterStatements(Connection connection, PreparedStatement head, PreparedStatement insert) {
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND at_micros >= ?");
            args.add(micros(query.from()));
        }
        if (query.to() != null) {
            // Records are kept to the microsecond: one is before 'to' exactly when its microsecond is before
            // 'to' rounded up to a whole microsecond.
            sql.append(" AND at_micros < ?");
            args.add(microsCeiling(query.to()));
        }
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.actionPrefix() != null) {
            // instr, not LIKE: LIKE treats % and _ as wildcards and ignores ASCII case.
            sql.append(" AND instr(action, ?) = 1");
            args.add(query.actionPrefix());
        }
        if (query.caseReference() != null) {
            sql.append(" AND case_reference = ?");
            args.add(query.caseReference());
        }
        if (query.beforeSeq() != null) {
            sql.append(" AND seq < ?");
            args.add(query.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(query.limit());
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    st.setObject(i + 1, args.get(i));
                }
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        records.add(record(rs));
                    }
                }
                return records;
            }
        });
    }

    @Override
    public AuditVerification verify() {
        return verifyAfter(0, AuditChain.GENESIS_PREV_HASH, (seq, hash) -> { });
    }

    /** Told each intact record's seq and hash as a verification walks the chain. */
    @FunctionalInterface
    public interface RecordObserver {
        void intact(long seq, String hash);
    }

    /**
     * Walks the chain from a point known from elsewhere (a checkpoint, or the start of the log: seq 0 and
     * {@link AuditChain#GENESIS_PREV_HASH}): the record at {@code seq}, when it is still present, must have hash
     * {@code hash}, and the records after it must follow it without a gap. {@code observer} is told every record
     * found intact, in order. For a walk from a point other than the start, {@code recordsChecked} counts the records
     * after it, and an empty tail gives {@code lastSeq = seq} and {@code headHash = hash}.
     */
    public AuditVerification verifyAfter(long seq, String hash, RecordObserver observer) {
        return database.read(connection -> verify(connection, seq, hash, observer));
    }

    private AuditVerification verify(Connection connection, long fromSeq, String fromHash, RecordObserver observer)
            throws SQLException {
        long afterSeq = fromSeq;
        String afterHash = fromHash;
        AuditBase base = base(connection);
        if (base != null && afterSeq <= base.seq()) {
            // Records up to the base are archived and gone: the walk starts after it. A checkpoint at the base must
            // name its hash; one below it is the archive's to vouch for (AuditVerifier holds the base against the
            // signed base checkpoint).
            if (afterSeq == base.seq() && !afterHash.equals(base.hash())) {
                return AuditVerification.broken(0, 0, AuditChain.GENESIS_PREV_HASH, afterSeq,
                        AuditVerification.Problem.CHANGED, "the recorded base, record " + afterSeq + " with hash "
                                + base.hash() + ", is not the hash " + afterHash + " a checkpoint knows for it");
            }
            afterSeq = base.seq();
            afterHash = base.hash();
        } else if (afterSeq > 0) {
            try (PreparedStatement st = connection.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
                st.setLong(1, afterSeq);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return AuditVerification.broken(0, 0, AuditChain.GENESIS_PREV_HASH, afterSeq,
                                AuditVerification.Problem.REMOVED, "record " + afterSeq + ", known from a checkpoint,"
                                        + " is missing (the log now ends at record " + lastSeq(connection) + ")");
                    }
                    if (!afterHash.equals(rs.getString(1))) {
                        return AuditVerification.broken(0, 0, AuditChain.GENESIS_PREV_HASH, afterSeq,
                                AuditVerification.Problem.CHANGED, "record " + afterSeq + " has hash " + rs.getString(1)
                                        + ", not the hash " + afterHash + " a checkpoint knows for it");
                    }
                }
            }
        }
        long expected = afterSeq + 1;
        String prevHash = afterHash;
        // One statement is one snapshot: appends committed meanwhile are not half-seen.
        try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_log WHERE seq > ? ORDER BY seq")) {
            st.setLong(1, afterSeq);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    long checked = expected - 1 - afterSeq;
                    if (seq != expected) {
                        return AuditVerification.broken(checked, expected - 1, prevHash, expected,
                                AuditVerification.Problem.REMOVED, "record " + expected + " is missing: after seq "
                                        + (expected - 1) + " comes seq " + seq + " (records " + expected + ".."
                                        + (seq - 1) + " removed)");
                    }
                    String storedPrev = rs.getString(12);
                    if (!prevHash.equals(storedPrev)) {
                        return AuditVerification.broken(checked, expected - 1, prevHash, seq,
                                AuditVerification.Problem.REORDERED, "record " + seq + " does not follow record "
                                        + (seq - 1) + ": its prev_hash " + storedPrev + " is not the hash " + prevHash
                                        + " of the record before (records reordered, or removed and renumbered)");
                    }
                    String storedHash = rs.getString(13);
                    AuditRecord record;
                    try {
                        record = record(rs);
                    } catch (RuntimeException e) {
                        return AuditVerification.broken(checked, expected - 1, prevHash, seq,
                                AuditVerification.Problem.CHANGED, "record " + seq + " was changed: its stored fields"
                                        + " cannot be read (" + e.getMessage() + ")");
                    }
                    String actual = AuditChain.hash(seq, storedPrev, record.entry());
                    if (!actual.equals(storedHash)) {
                        return AuditVerification.broken(checked, expected - 1, prevHash, seq,
                                AuditVerification.Problem.CHANGED, "record " + seq + " was changed: its fields hash to "
                                        + actual + " but its stored hash is " + storedHash);
                    }
                    observer.intact(seq, storedHash);
                    prevHash = storedHash;
                    expected++;
                }
            }
        }
        return AuditVerification.intact(expected - 1 - afterSeq, expected - 1, prevHash);
    }

    /** Where the chain in the database begins, when retention has archived its oldest records. */
    public Optional<AuditBase> base() {
        return Optional.ofNullable(database.read(SqliteAuditLog::base));
    }

    private static AuditBase base(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT seq, hash, at_micros, archive, archive_sha256"
                + " FROM audit_base ORDER BY seq DESC LIMIT 1"); ResultSet rs = st.executeQuery()) {
            return rs.next() ? new AuditBase(rs.getLong(1), rs.getString(2), instant(rs.getLong(3)), rs.getString(4),
                    rs.getString(5)) : null;
        }
    }

    /** Records {@code base}: the records up to its seq may then be deleted ({@link #deleteArchived}). */
    public CompletableFuture<Void> recordBase(AuditBase base) {
        return database.submit(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_base (seq, hash, at_micros, archive,"
                    + " archive_sha256) VALUES (?, ?, ?, ?, ?)")) {
                st.setLong(1, base.seq());
                st.setString(2, base.hash());
                st.setLong(3, micros(base.at()));
                st.setString(4, base.archive());
                st.setString(5, base.archiveSha256());
                st.executeUpdate();
                return null;
            }
        });
    }

    /**
     * Deletes at most {@code limit} of the records at or below the recorded base, oldest first; the database refuses
     * any above it. Completes with how many went.
     */
    public CompletableFuture<Integer> deleteArchived(int limit) {
        return database.submit(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM audit_log WHERE seq IN (SELECT seq FROM"
                    + " audit_log WHERE seq <= (SELECT coalesce(max(seq), 0) FROM audit_base) ORDER BY seq LIMIT ?)")) {
                st.setInt(1, limit);
                return st.executeUpdate();
            }
        });
    }

    /** The seq of the last record written before {@code at}, counting from the start; 0 when there is none. */
    public long lastSeqBefore(Instant at) {
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT (SELECT min(seq) FROM audit_log WHERE at_micros >= ?),"
                    + " (SELECT coalesce(max(seq), 0) FROM audit_log)")) {
                st.setLong(1, microsCeiling(at));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long firstYoung = rs.getLong(1);
                    return rs.wasNull() ? rs.getLong(2) : firstYoung - 1;
                }
            }
        });
    }

    /**
     * Hands the records {@code fromSeq..toSeq} to {@code sink} in seq order, as stored, from one snapshot.
     *
     * @throws IOException what {@code sink} threw; reading stops there
     */
    public void records(long fromSeq, long toSeq, AuditArchive.Sink sink) throws IOException {
        try {
            database.read(c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
                    st.setLong(1, fromSeq);
                    st.setLong(2, toSeq);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(record(rs));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long lastSeq(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_log");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(
                instant(rs.getLong(2)),
                rs.getString(3),
                AuditColumns.parseRoles(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                AuditColumns.parseParameters(rs.getString(7)),
                rs.getString(8),
                rs.getString(9),
                rs.getLong(10),
                rs.getInt(11));
        return new AuditRecord(rs.getLong(1), entry, rs.getString(12), rs.getString(13));
    }

    private static long micros(Instant at) {
        return SqlInstants.micros(at);
    }

    private static long microsCeiling(Instant at) {
        Instant truncated = at.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(at) ? micros(at) : micros(truncated) + 1;
    }

    private static Instant instant(long micros) {
        return SqlInstants.instant(micros);
    }
}
