-- The boundary ring (进县留影、出县留踪, DESIGN.md §9): checkpoints on the boundary of a region node, and which
-- direction of travel past each means entering the region and which leaving it.
CREATE TABLE boundary_checkpoint (
    camera        TEXT PRIMARY KEY,
    -- The guarded region's path, county first, as a JSON array of names.
    region        TEXT NOT NULL,
    entering      TEXT NOT NULL,
    leaving       TEXT NOT NULL,
    changed_by    TEXT NOT NULL,
    changed_micros INTEGER NOT NULL,
    CHECK (entering <> leaving)
);
CREATE INDEX boundary_checkpoint_region ON boundary_checkpoint (region);
