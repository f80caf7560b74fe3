-- An API token may act with fewer roles than its user (issue 3): roles holds the wire names it is limited to,
-- joined by ',' (e.g. "investigator"); NULL = every role the user has at the time of use.
ALTER TABLE tokens ADD COLUMN roles TEXT;
