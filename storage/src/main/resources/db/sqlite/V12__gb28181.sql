-- GB/T 28181 (issue 13). A device's catalog brings its channels as cameras of origin 'gb28181', each naming the device
-- in gb_device: the registry then holds exactly the channels of the device's last catalog, and never takes over an id
-- that the configuration file or the API registered. SQLite cannot change a CHECK constraint in place: the table is
-- copied into one with the new constraint.
CREATE TABLE cameras_v12 (
    id                 TEXT    PRIMARY KEY,
    name               TEXT    NOT NULL,
    region_key         TEXT    NOT NULL,
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
    origin             TEXT    NOT NULL CHECK (origin IN ('config', 'api', 'gb28181')),
    created_micros     INTEGER NOT NULL,
    updated_micros     INTEGER NOT NULL,
    auth               TEXT    NOT NULL DEFAULT 'digest' CHECK (auth IN ('digest', 'any', 'basic')),
    gb_device          TEXT,
    CHECK ((origin = 'gb28181') = (gb_device IS NOT NULL))
);
INSERT INTO cameras_v12 (id, name, region_key, lat, lon, source_redacted, source_sealed, substream_redacted,
        substream_sealed, transport, record, live, plates, enabled, direction, origin, created_micros, updated_micros,
        auth)
    SELECT id, name, region_key, lat, lon, source_redacted, source_sealed, substream_redacted, substream_sealed,
           transport, record, live, plates, enabled, direction, origin, created_micros, updated_micros, auth
    FROM cameras;
DROP TABLE cameras;
ALTER TABLE cameras_v12 RENAME TO cameras;
CREATE INDEX cameras_region ON cameras (region_key, id);
CREATE INDEX cameras_gb_device ON cameras (gb_device) WHERE gb_device IS NOT NULL;
