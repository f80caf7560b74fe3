-- Recording index, gaps and evidence holds (DESIGN.md §7, issue 4); see io.xueliang.storage.recording.
-- *_micros: microseconds since the epoch (UTC), wall clock of the camera (RTCP SR anchored) as the recorder saw it.

-- One row per fMP4 segment file. state OPEN: being written (end_micros is the last complete fragment's end, updated
-- as fragments complete, so a crash leaves an honest end); FINISHED: closed, sha256 set. location: where the file
-- lives ('local' under the recordings directory, 's3' in the bucket); blob_key: its path there, the same in both.
CREATE TABLE segments (
    id             INTEGER PRIMARY KEY,
    camera         TEXT    NOT NULL,
    start_micros   INTEGER NOT NULL,
    end_micros     INTEGER NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('OPEN', 'FINISHED')),
    location       TEXT    NOT NULL,
    blob_key       TEXT    NOT NULL UNIQUE,
    bytes          INTEGER NOT NULL,
    frames         INTEGER NOT NULL,
    sha256         TEXT,
    codec          TEXT    NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL
);
CREATE INDEX segments_camera_time ON segments (camera, start_micros);
CREATE INDEX segments_time ON segments (start_micros);
CREATE INDEX segments_open ON segments (state) WHERE state = 'OPEN';
CREATE INDEX segments_local ON segments (location, id) WHERE location = 'local';

-- Time a camera should have been recorded and was not, with why: never silently missing time.
-- reason: disconnected (the camera stopped sending), clock-jump (the camera's clock stepped), server-down (between a
-- crash or stop and the next start), paused (no disk space could be freed), deleted (footage removed to keep the
-- free-space floor before its retention age).
CREATE TABLE gaps (
    id            INTEGER PRIMARY KEY,
    camera        TEXT    NOT NULL,
    start_micros  INTEGER NOT NULL,
    end_micros    INTEGER NOT NULL,
    reason        TEXT    NOT NULL
);
CREATE INDEX gaps_camera_time ON gaps (camera, start_micros);

-- Evidence holds: footage of a camera over a time range that neither retention nor the free-space floor may delete
-- until the hold is released.
CREATE TABLE holds (
    id               INTEGER PRIMARY KEY,
    camera           TEXT    NOT NULL,
    from_micros      INTEGER NOT NULL,
    to_micros        INTEGER NOT NULL,
    case_reference   TEXT    NOT NULL,
    reason           TEXT,
    created_by       TEXT    NOT NULL,
    created_micros   INTEGER NOT NULL,
    released_by      TEXT,
    released_micros  INTEGER
);
CREATE INDEX holds_camera ON holds (camera, from_micros);
