-- The camera registry: cameras from the configuration file and from the API in one table.
-- Source URIs may carry passwords: only their redacted form is stored in clear; the full URI is
-- sealed with AES-256-GCM (storage.secret.SecretBox).
CREATE TABLE cameras (
    id                 TEXT    PRIMARY KEY,
    name               TEXT    NOT NULL,
    region_key         TEXT    NOT NULL,   -- region path, county first, each part followed by '/': prefix filters
    lat                REAL,
    lon                REAL,
    source_redacted    TEXT    NOT NULL,
    source_sealed      BLOB    NOT NULL,
    substream_redacted TEXT,
    substream_sealed   BLOB,
    transport          TEXT    NOT NULL,
    record             INTEGER NOT NULL,
    live               INTEGER NOT NULL,
    plates             INTEGER NOT NULL,
    enabled            INTEGER NOT NULL,
    direction          TEXT,
    origin             TEXT    NOT NULL CHECK (origin IN ('config', 'api')),
    created_micros     INTEGER NOT NULL,
    updated_micros     INTEGER NOT NULL
);

CREATE INDEX cameras_region ON cameras (region_key, id);
