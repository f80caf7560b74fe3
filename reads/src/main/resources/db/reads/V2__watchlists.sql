-- Watch lists (布控, DESIGN.md §9) and the alerts their matches raise. Plain SQL that PostgreSQL takes too.
CREATE TABLE watchlist (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    case_reference    TEXT    NOT NULL,
    -- The account that made it: its name, and its id, never given to another account.
    owner_name        TEXT    NOT NULL,
    owner_id          TEXT    NOT NULL,
    -- The owner's region paths when it was made, as watch.RegionPaths writes them, empty for everywhere: the list
    -- matches reads of cameras in these regions only.
    owner_regions     TEXT    NOT NULL,
    expires_micros    INTEGER NOT NULL,
    created_micros    INTEGER NOT NULL,
    changed_micros    INTEGER NOT NULL,
    changed_by        TEXT    NOT NULL
);

-- A list's plates and patterns, normalised (store.PlatePattern): exact plates and '*'/'?' wildcards.
CREATE TABLE watchlist_entry (
    watchlist_id      INTEGER NOT NULL REFERENCES watchlist (id) ON DELETE CASCADE,
    pattern           TEXT    NOT NULL,
    -- The order the user gave them in.
    position          INTEGER NOT NULL,
    PRIMARY KEY (watchlist_id, pattern)
);

-- An alert: one read matched one list. Alerts outlive their list (no foreign key), so they carry its name and reason.
CREATE TABLE plate_alert (
    -- Raising order: the stream's event ids and the list's cursor.
    seq               INTEGER PRIMARY KEY,
    read_id           BLOB    NOT NULL,
    watchlist_id      INTEGER NOT NULL,
    watchlist_name    TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    case_reference    TEXT    NOT NULL,
    matched           TEXT    NOT NULL,
    camera            TEXT    NOT NULL,
    -- The camera's region when the alert was raised (watch.RegionPaths).
    camera_region     TEXT    NOT NULL,
    time_micros       INTEGER NOT NULL,
    plate             TEXT    NOT NULL,
    plate_text        TEXT    NOT NULL,
    raised_micros     INTEGER NOT NULL,
    acknowledged_by   TEXT,
    acknowledged_micros INTEGER,
    note              TEXT,
    -- A read delivered twice raises one alert per list.
    UNIQUE (read_id, watchlist_id)
);

CREATE INDEX plate_alert_time ON plate_alert (time_micros);
