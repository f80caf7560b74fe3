package io.xueliang.storage.audit;

import io.xueliang.storage.sql.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log in the embedded store's {@code audit_log} table (schema V1).
 *
 * <p>An append reads the chain head and inserts the next record inside the writer's transaction. The store has one
 * writer thread, so appends from any number of request threads are ordered there and the head read is always the
 * record just written before (committed or earlier in the same batch): one unbroken chain, and a burst of appends
 * commits as one transaction. Any number of these objects may share one database for the same reason.
 */
public final class SqliteAuditLog implements AuditLog {
    private static final String COLUMNS = "seq, at_micros, actor, roles, source_address, action, parameters, purpose,"
            + " case_reference, result_count, outcome, prev_hash, hash";

    private final EmbeddedDatabase database;

    public SqliteAuditLog(EmbeddedDatabase database) {
        this.database = database;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        return database.submit(connection -> appendNow(connection, entry));
    }

    private static AuditRecord appendNow(Connection connection, AuditEntry entry) throws SQLException {
        long seq = 1;
        String prevHash = AuditChain.GENESIS_PREV_HASH;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                ResultSet rs = head.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prevHash = rs.getString(2);
            }
        }
        String hash = AuditChain.hash(seq, prevHash, entry);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            insert.setString(12, prevHash);
            insert.setString(13, hash);
            insert.executeUpdate();
        }
        return new AuditRecord(seq, entry, prevHash, hash);
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
        return database.read(this::verify);
    }

    private AuditVerification verify(Connection connection) throws SQLException {
        long expected = 1;
        String prevHash = AuditChain.GENESIS_PREV_HASH;
        // One statement is one snapshot: appends committed meanwhile are not half-seen.
        try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                long checked = expected - 1;
                if (seq != expected) {
                    return AuditVerification.broken(checked, expected - 1, prevHash, expected,
                            AuditVerification.Problem.REMOVED, "record " + expected + " is missing: after seq "
                                    + (expected - 1) + " comes seq " + seq + " (records " + expected + ".." + (seq - 1)
                                    + " removed)");
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
                prevHash = storedHash;
                expected++;
            }
        }
        return AuditVerification.intact(expected - 1, expected - 1, prevHash);
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
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static long microsCeiling(Instant at) {
        Instant truncated = at.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(at) ? micros(at) : micros(truncated) + 1;
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
