-- Users, roles, region scopes and tokens (DESIGN.md §10, issue 3); see io.xueliang.storage.auth.
-- *_micros: microseconds since the epoch (UTC). password_hash: PHC string "$argon2id$v=19$m=..,t=..,p=..$salt$hash".
CREATE TABLE users (
    username       TEXT    PRIMARY KEY,
    password_hash  TEXT    NOT NULL,
    created_micros INTEGER NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- role: the wire name (viewer, investigator, auditor, admin).
CREATE TABLE user_roles (
    username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    PRIMARY KEY (username, role)
) WITHOUT ROWID;

-- One row per element of a region path: region [county, town] at position 0 is (0, 0, county), (0, 1, town).
-- No rows for a user = everywhere.
CREATE TABLE user_regions (
    username TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    region   INTEGER NOT NULL,
    depth    INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    PRIMARY KEY (username, region, depth)
) WITHOUT ROWID;

-- Sessions and API tokens. token_hash: lower-case hex SHA-256 of the token string; the token itself is never stored.
-- kind: SESSION or API. name: the API token's label (NULL for sessions). expires_micros NULL: never expires.
CREATE TABLE tokens (
    id                INTEGER PRIMARY KEY,
    token_hash        TEXT    NOT NULL UNIQUE,
    username          TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    kind              TEXT    NOT NULL,
    name              TEXT,
    created_micros    INTEGER NOT NULL,
    expires_micros    INTEGER,
    last_used_micros  INTEGER,
    revoked           INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX tokens_user ON tokens (username, kind);
