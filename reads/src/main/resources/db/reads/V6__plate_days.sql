-- The days each plate was read on, so that an exact search probes the plate index only on those days: by day first
-- (V1), the index answered a year's search with 365 probes, each a page of its own, and at 100 M reads (49 GB, twice
-- the memory) those pages came from disk (p99 61 ms, the target 20). A visitor seen on 3 days now costs 3 probes and
-- a dozen lookups here. One row a plate and 32-day block (block = day >> 5), days a bitmap of the block's days with
-- reads (bit day & 31). Block first, like the plate index's day: a block's inserts stay in one small region, where a
-- plate-first key would take each insert at a random page of a table of tens of millions of rows. Kept by the
-- inserts; retention drops the blocks wholly before the oldest read. A bit whose reads retention removed (a block
-- partly expired, a region kept for less) only costs an empty probe.
-- PostgreSQL would spell it without WITHOUT ROWID and with days BIGINT (bit 31 does not fit its INTEGER).
CREATE TABLE plate_days (
    block        INTEGER NOT NULL,
    plate        TEXT    NOT NULL,
    days         INTEGER NOT NULL,
    PRIMARY KEY (block, plate)
) WITHOUT ROWID;

-- The reads stored before this migration, from the plate index alone. Grouped rather than upserted (PostgreSQL
-- refuses an upsert that touches a row twice): the distinct days of a block are distinct bits, so their sum is their
-- OR (PostgreSQL: bit_or). Reads the whole index once, at the upgrade's start.
INSERT INTO plate_days (block, plate, days)
SELECT day >> 5, plate, sum(1 << (day & 31)) FROM (SELECT DISTINCT day, plate FROM plate_read) AS seen
GROUP BY day >> 5, plate;
