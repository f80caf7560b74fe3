-- Audit retention (issue 10 item 12): records older than audit.retentionDays are deleted only once they are in a
-- signed archive file (io.xueliang.storage.audit.AuditArchive) and a signed base checkpoint names it. Each row here
-- says: records 1..seq are archived and may be deleted; the chain in audit_log now continues after record seq.
-- hash: the hash of record seq, that is the prev_hash of the first record kept. archive: the file's name under
-- <storage.root>/audit/archive; archive_sha256: lower-case hex SHA-256 of the whole file.
CREATE TABLE audit_base (
    seq            INTEGER PRIMARY KEY,
    hash           TEXT    NOT NULL,
    at_micros      INTEGER NOT NULL,
    archive        TEXT    NOT NULL,
    archive_sha256 TEXT    NOT NULL
);

CREATE TRIGGER audit_base_forward BEFORE INSERT ON audit_base
WHEN NEW.seq <= (SELECT coalesce(max(seq), 0) FROM audit_base)
BEGIN
    SELECT RAISE(ABORT, 'audit_base only moves forward');
END;

CREATE TRIGGER audit_base_no_update BEFORE UPDATE ON audit_base
BEGIN
    SELECT RAISE(ABORT, 'audit_base is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_base_no_delete BEFORE DELETE ON audit_base
BEGIN
    SELECT RAISE(ABORT, 'audit_base is append-only: DELETE refused');
END;

-- Records may now be deleted, but only those at or below the recorded base: retention's, after archiving them.
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.seq > (SELECT coalesce(max(seq), 0) FROM audit_base)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused (only archived records below the base may go)');
END;
