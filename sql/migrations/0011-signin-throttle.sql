-- 0011-signin-throttle: brute force without a lockout (issue 11). Five
-- failures per login in 15 minutes locked that login out for everyone, so
-- anyone knowing an author's login could keep the author out. Now each key
-- keeps a count and the time of its latest counted attempt, and waits a
-- delay that doubles with the count (src/throttle.c), never a wall; and a
-- browser that signed in before carries a device cookie signed with a key
-- kept here, whose attempts count under its own key only.

DROP TABLE login_failures;

-- One row per key with failures: 'login:NAME' (browsers without a device
-- cookie for the login), 'ip:ADDR' (an IPv4 address, or an IPv6 /64, as
-- 'ip:2001:db8:1:2::/64'), 'device:ID' (a device cookie), 'session:HEX'
-- (the account page's current password). Rows quiet for a day are purged.
CREATE TABLE signin_failures (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 0), -- counted before the check,
                                                   -- taken back when right
  last_at  INTEGER NOT NULL                        -- the latest attempt counted
) WITHOUT ROWID;
CREATE INDEX signin_failures_last ON signin_failures (last_at);

-- Server secrets, made at random by the first process that needs one:
-- 'device' signs the device cookies (BLAKE2b keyed, src/auth.c).
CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;
