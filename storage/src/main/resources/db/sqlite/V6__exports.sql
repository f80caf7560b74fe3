-- Evidence export jobs (issue 4): one row per POST /exports. status: queued, running, done, failed.
-- cameras: the camera ids joined by ','. file_key: the package's path under <root>/exports when done.
CREATE TABLE exports (
    id               TEXT    PRIMARY KEY,
    cameras          TEXT    NOT NULL,
    from_micros      INTEGER NOT NULL,
    to_micros        INTEGER NOT NULL,
    case_reference   TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    requested_by     TEXT    NOT NULL,
    created_micros   INTEGER NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress         REAL    NOT NULL DEFAULT 0,
    finished_micros  INTEGER,
    file_key         TEXT,
    bytes            INTEGER,
    sha256           TEXT,
    error            TEXT
);
CREATE INDEX exports_created ON exports (created_micros);
