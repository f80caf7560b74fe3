-- Wall layouts each user saved (issue 12): the cameras of each tile, under a name, so that an operator finds the
-- same walls at any workstation. Bound to the account (users.uid), not its name, and deleted with it.
-- cameras: a JSON array of camera ids, one a tile, null for an empty tile; as long as size.
CREATE TABLE wall_layouts (
    user_uid       TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    size           INTEGER NOT NULL CHECK (size IN (1, 4, 9, 16, 25, 36, 64)),
    cameras        TEXT    NOT NULL,
    updated_micros INTEGER NOT NULL,
    PRIMARY KEY (user_uid, name)
);
