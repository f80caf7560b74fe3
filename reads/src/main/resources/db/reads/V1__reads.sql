-- Plate reads (DESIGN.md §9): one row a vehicle pass, kept in a database file of its own (reads.db) beside the
-- main store. Written so that PostgreSQL (cluster mode) takes the same columns and indexes: no SQLite-only types.
CREATE TABLE plate_read (
    -- Insertion order; with time_micros the keyset that pages never skip or repeat a read by.
    seq               INTEGER PRIMARY KEY,
    -- The read's UUID as 16 bytes: a read delivered twice is stored once. Ids are time-ordered (UUID version 7,
    -- PlateRead.newId), so this index grows at its end.
    id                BLOB    NOT NULL UNIQUE,
    camera            TEXT    NOT NULL,
    time_micros       INTEGER NOT NULL,
    -- The UTC day of time_micros (time_micros / 86,400,000,000): what the plate index is kept by first, so that a
    -- day's inserts land in one small region of it (the cache holds it) instead of on pages all over a year's index.
    day               INTEGER NOT NULL,
    -- The normalised plate (letters, digits, CJK): what searches compare.
    plate             TEXT    NOT NULL,
    plate_text        TEXT    NOT NULL,
    colour            TEXT    NOT NULL,
    plate_format      TEXT    NOT NULL,
    confidence        REAL    NOT NULL,
    -- One confidence per character, in thousandths, comma-separated.
    char_confidences  TEXT    NOT NULL,
    direction         TEXT    NOT NULL,
    box_x             INTEGER NOT NULL,
    box_y             INTEGER NOT NULL,
    box_width         INTEGER NOT NULL,
    box_height        INTEGER NOT NULL,
    track_id          INTEGER NOT NULL,
    observations      INTEGER NOT NULL,
    crop_image        TEXT,
    overview_image    TEXT,
    -- Where the read came from: 'camera' (read here), later 'gat1400' (a device that reads plates itself).
    source            TEXT    NOT NULL DEFAULT 'camera'
);

-- A plate's sightings in time (trajectory, exact and prefix search), one probe a day of the window; the rowid (seq)
-- ends every entry. By day first: a (plate, time) index takes each insert at a random place, and past a few million
-- reads every commit rewrote most of its pages (14,000 reads/s at a million, falling).
CREATE INDEX plate_read_day_plate ON plate_read (day, plate, time_micros);
-- A camera's reads in time (search by camera or region, boundary counts, retention).
CREATE INDEX plate_read_camera_time ON plate_read (camera, time_micros);
-- All reads in time (searches without a plate or camera, analyses over a window).
CREATE INDEX plate_read_time ON plate_read (time_micros);
