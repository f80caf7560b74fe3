-- Every plate the store holds reads of, with its latest read's time: what searches by a partial plate or a pattern
-- that does not start with a known prefix compare, instead of every read in their window (a county's year holds a
-- few million plates and a hundred million reads). Kept by the inserts; rows of plates older than the oldest read
-- are dropped by retention. A plate listed whose reads are gone costs one empty probe of the plate index.
CREATE TABLE plate_seen (
    plate        TEXT    NOT NULL PRIMARY KEY,
    last_micros  INTEGER NOT NULL
);
CREATE INDEX plate_seen_last ON plate_seen (last_micros);

INSERT INTO plate_seen (plate, last_micros) SELECT plate, max(time_micros) FROM plate_read GROUP BY plate;
