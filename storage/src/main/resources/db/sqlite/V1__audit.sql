-- The audit log (DESIGN.md §10): append-only and hash-chained, see io.xueliang.storage.audit.AuditChain.
-- at_micros: microseconds since the epoch (UTC); roles: JSON array of strings; parameters: JSON object of strings.
-- prev_hash, hash: lower-case hex of SHA-256.
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at_micros      INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    roles          TEXT    NOT NULL,
    source_address TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    parameters     TEXT    NOT NULL,
    purpose        TEXT,
    case_reference TEXT,
    result_count   INTEGER NOT NULL,
    outcome        INTEGER NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at_micros);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_case ON audit_log (case_reference, seq);

-- Defence in depth: the application never updates or deletes audit rows, so the database refuses to. Whoever holds
-- the file can drop these triggers; the hash chain still shows what they then changed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
