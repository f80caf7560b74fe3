package io.xueliang.storage.audit;

import io.xueliang.storage.sql.EmbeddedDatabase;
import io.xueliang.storage.sql.SqlInstants;
import io.xueliang.storage.sql.WriteTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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

    private AuditVerification verify(Connection connection, long afterSeq, String afterHash, RecordObserver observer)
            throws SQLException {
        if (afterSeq > 0) {
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
