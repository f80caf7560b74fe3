-- Export limits (issue 10 item 12): two more states and a per-user index.
-- paused: waiting for disk space, since writing it would take the volume below recording.minFreePercent (error says
-- why); expired: the package was deleted expireAfter after it finished (bytes and sha256 stay, file_key is cleared).
-- SQLite cannot change a CHECK constraint in place: the table is copied into one with the new constraint.
CREATE TABLE exports_v9 (
    id               TEXT    PRIMARY KEY,
    cameras          TEXT    NOT NULL,
    from_micros      INTEGER NOT NULL,
    to_micros        INTEGER NOT NULL,
    case_reference   TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    requested_by     TEXT    NOT NULL,
    created_micros   INTEGER NOT NULL,
    status           TEXT    NOT NULL
                     CHECK (status IN ('queued', 'running', 'paused', 'done', 'failed', 'expired')),
    progress         REAL    NOT NULL DEFAULT 0,
    finished_micros  INTEGER,
    file_key         TEXT,
    bytes            INTEGER,
    sha256           TEXT,
    error            TEXT,
    requested_by_uid TEXT
);
INSERT INTO exports_v9 (id, cameras, from_micros, to_micros, case_reference, reason, requested_by, created_micros,
        status, progress, finished_micros, file_key, bytes, sha256, error, requested_by_uid)
    SELECT id, cameras, from_micros, to_micros, case_reference, reason, requested_by, created_micros, status, progress,
           finished_micros, file_key, bytes, sha256, error, requested_by_uid
    FROM exports;
DROP TABLE exports;
ALTER TABLE exports_v9 RENAME TO exports;
CREATE INDEX exports_created ON exports (created_micros);
-- The per-user quota counts one user's exports of the last 24 hours.
CREATE INDEX exports_user_created ON exports (requested_by_uid, created_micros);
