-- Every user gets an id that no other user is ever given (issue 10): what is bound to a user (export jobs) follows the
-- account, not its name, so a user deleted and created again under the same name is someone else.
-- uid: 32 lower-case hex digits from 128 random bits, set when the user is created.
ALTER TABLE users ADD COLUMN uid TEXT;
UPDATE users SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX users_uid ON users (uid);

-- The uid of the user who asked for an export (requested_by keeps the name, as it was, for people to read). Jobs of
-- users deleted before this migration get NULL: nobody's own.
ALTER TABLE exports ADD COLUMN requested_by_uid TEXT;
UPDATE exports SET requested_by_uid = (SELECT uid FROM users WHERE users.username = exports.requested_by);
