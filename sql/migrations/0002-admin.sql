-- 0002-admin: authors, their sessions, the sign-in rate limit, and a
-- revision number on articles and pages so a save never overwrites a
-- change made since its form was opened.

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL UNIQUE                 -- what one signs in with
             CHECK (length(login) BETWEEN 1 AND 64),
  name       TEXT NOT NULL DEFAULT '',            -- display name; empty: the login
  pwhash     TEXT NOT NULL,                       -- argon2id, libsodium crypto_pwhash_str
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  digest     BLOB PRIMARY KEY,                    -- BLAKE2b-256 of the cookie's token;
                                                  -- the token itself is never stored
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- One row per failed sign-in, per client address ('ip:...') and per login
-- ('login:...'); rows older than the window are purged on each sign-in.
CREATE TABLE login_failures (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
