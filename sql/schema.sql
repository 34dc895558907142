-- schema.sql: the whole current schema of a Quire site, for reading and for
-- the test that checks the numbered migrations in migrations/ build exactly
-- this. The binary applies the migrations, never this file. When a
-- migration changes the schema, change this file to match.
-- Times are Unix seconds, UTC.

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY AUTOINCREMENT, -- stable identity, never reused;
                                                  -- also the keyset tiebreak
  slug         TEXT NOT NULL UNIQUE               -- last URL segment: /YYYY/MM/slug
               CHECK (length(slug) BETWEEN 1 AND 100),
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  excerpt      TEXT NOT NULL DEFAULT '',          -- Markdown; empty means "from the body"
  body         TEXT NOT NULL DEFAULT '',          -- Markdown, rendered on request
  author       TEXT NOT NULL DEFAULT '',          -- empty means the site's default author
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'published')),
  published_at INTEGER,                           -- publication time; in the future = scheduled
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  revision     INTEGER NOT NULL DEFAULT 1,         -- +1 on every save (edit conflicts)
  list_rev     INTEGER NOT NULL DEFAULT 1,         -- +1 when what lists show changes
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);

-- Home page keyset pagination, archive ranges and previous/next all walk this
-- index; the conditional-GET stamps of lists, the archive and previous/next
-- are read from it alone (it holds every column they show), so a list never
-- reads a row and its body.
CREATE INDEX articles_published
  ON articles (status, published_at, id, list_rev, updated_at,
               slug, title, author, revision, created_at);

-- Full-text search (/search): title, excerpt and body of every article,
-- drafts too (a search joins articles and keeps the visible rows, so a
-- scheduled article is found from its time on). External content: the text
-- lives in articles alone; the triggers below keep the index in step inside
-- the transaction of the statement that changes an article. Porter stems
-- English words; unicode61 folds case and, with remove_diacritics 2,
-- accents (cafe finds café).
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, excerpt, body,
  content = 'articles', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, excerpt, body)
    VALUES (new.id, new.title, new.excerpt, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, body)
    VALUES ('delete', old.id, old.title, old.excerpt, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, body
    ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, body)
    VALUES ('delete', old.id, old.title, old.excerpt, old.body);
  INSERT INTO articles_fts (rowid, title, excerpt, body)
    VALUES (new.id, new.title, new.excerpt, new.body);
END;

CREATE TABLE pages (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused
  slug       TEXT NOT NULL UNIQUE                 -- URL: /slug
             CHECK (length(slug) BETWEEN 1 AND 100),
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body       TEXT NOT NULL DEFAULT '',            -- Markdown
  status     TEXT NOT NULL DEFAULT 'draft'
             CHECK (status IN ('draft', 'published')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision   INTEGER NOT NULL DEFAULT 1            -- +1 on every save (edit conflicts)
);

-- One row per setting; the program knows the keys and their defaults.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,                         -- e.g. 'title', 'disclaimer';
                                                  -- 'changed_at': when an article or
                                                  -- page last changed, deletions
                                                  -- included (written by quire)
  value TEXT NOT NULL
) WITHOUT ROWID;

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

-- The sign-in throttle (0011): one row per key with failures: 'login:NAME'
-- (browsers without a device cookie for the login), 'ip:ADDR' (an IPv4
-- address, or an IPv6 /64, as 'ip:2001:db8:1:2::/64'), 'device:ID' (a
-- device cookie), 'session:HEX' (the account page's current password).
-- Each waits a delay that doubles with its failures (src/throttle.c); rows
-- quiet for a day are purged.
CREATE TABLE signin_failures (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 0), -- counted before the check,
                                                   -- taken back when right
  last_at  INTEGER NOT NULL                        -- the latest attempt counted
) WITHOUT ROWID;
CREATE INDEX signin_failures_last ON signin_failures (last_at);

-- Server secrets (0011), made at random by the first process that needs
-- one: 'device' signs the device cookies (BLAKE2b keyed, src/auth.c).
CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;

-- Tags (0006): an article's tags, a tag's articles.
CREATE TABLE tags (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,           -- never reused
  name TEXT NOT NULL                                -- as first written: 'Café'
       CHECK (length(name) BETWEEN 1 AND 50),
  slug TEXT NOT NULL UNIQUE                         -- URL: /tag/slug; lowercase UTF-8,
       CHECK (length(slug) BETWEEN 1 AND 50),       -- hyphens for spaces: 'café'
  articles   INTEGER NOT NULL DEFAULT 0,            -- published links, scheduled too (0010)
  changed_at INTEGER NOT NULL DEFAULT 0             -- its articles' latest save (0010)
);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id),
  published_at INTEGER,                             -- the article's, NULL unless published (0010)
  PRIMARY KEY (article_id, tag_id)                  -- an article's tags
) WITHOUT ROWID;
-- A tag's page, newest first, and its scheduled links; whether a tag is
-- still carried (the orphan trigger). (0010)
CREATE INDEX article_tags_published
  ON article_tags (tag_id, published_at, article_id);
-- Whether an article is visible, its last change and revision, without
-- reading its row (a 6 KB body makes each row a page of its own): /tags
-- at 100,000 articles and 10,000 links, 160 ms from the rows, 15 ms here;
-- search (db_search.c) checks its matches here too.
CREATE INDEX articles_visible
  ON articles (id, status, published_at, updated_at, revision);

CREATE TRIGGER article_tags_orphan AFTER DELETE ON article_tags
  WHEN NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = old.tag_id)
BEGIN
  DELETE FROM tags WHERE id = old.tag_id;
END;

-- Tag counts (0010): kept in the transaction of the statement that
-- changes an article or a link.
-- A new link takes its article's publication time (the trigger below then
-- counts it) and its save time.
CREATE TRIGGER article_tags_link AFTER INSERT ON article_tags
BEGIN
  UPDATE article_tags SET published_at = (SELECT CASE WHEN a.status = 'published'
      THEN a.published_at END FROM articles a WHERE a.id = new.article_id)
    WHERE article_id = new.article_id AND tag_id = new.tag_id;
  UPDATE tags SET changed_at = max(changed_at, ifnull((SELECT a.updated_at
      FROM articles a WHERE a.id = new.article_id), 0))
    WHERE id = new.tag_id;
END;

CREATE TRIGGER article_tags_unlink AFTER DELETE ON article_tags
  WHEN old.published_at IS NOT NULL
BEGIN
  UPDATE tags SET articles = articles - 1 WHERE id = old.tag_id;
END;

CREATE TRIGGER article_tags_count AFTER UPDATE OF published_at ON article_tags
  WHEN old.published_at IS NOT new.published_at
BEGIN
  UPDATE tags SET articles = articles + (new.published_at IS NOT NULL)
      - (old.published_at IS NOT NULL)
    WHERE id = new.tag_id;
END;

-- An article's save reaches its links and their tags.
CREATE TRIGGER article_tags_article AFTER UPDATE ON articles
BEGIN
  UPDATE article_tags SET published_at = CASE WHEN new.status = 'published'
      THEN new.published_at END
    WHERE article_id = new.id AND published_at IS NOT
      (CASE WHEN new.status = 'published' THEN new.published_at END);
  UPDATE tags SET changed_at = max(changed_at, new.updated_at)
    WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = new.id);
END;

-- Redirects (0008): old addresses answered with 301, checked only where
-- the site would answer 404, so a live page always wins.
CREATE TABLE redirects (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,     -- never reused; the delete button's
  path       TEXT NOT NULL UNIQUE,                  -- the old address, decoded: '/2019/05/old'
  article_id INTEGER REFERENCES articles (id)       -- automatic: the article that lived
             ON DELETE CASCADE,                     -- there; answered with its URL of now
  target     TEXT,                                  -- manual: a local path, decoded
  created_at INTEGER NOT NULL,                      -- Unix seconds, quire's clock
  CHECK ((article_id IS NULL) <> (target IS NULL))  -- one or the other
);
-- Whether a path is some redirect's target (chains are refused).
CREATE INDEX redirects_target ON redirects (target);

-- The archive's counts (0009): published articles per month, scheduled ones
-- included (readers subtract those past :now, a short range of
-- articles_published), kept by the triggers below in the transaction of the
-- statement that changes an article, so /archive and /archive/YYYY count
-- without walking every article.
CREATE TABLE archive_months (
  month    INTEGER PRIMARY KEY,                   -- YYYYMM of published_at, UTC: 202406
  articles INTEGER NOT NULL CHECK (articles > 0), -- published in it, scheduled ones too;
                                                  -- a month with none has no row
  changed_at INTEGER NOT NULL DEFAULT 0           -- its articles' latest save (0010)
);

CREATE TRIGGER archive_months_insert AFTER INSERT ON articles
  WHEN new.status = 'published'
BEGIN
  INSERT INTO archive_months (month, articles, changed_at)
    VALUES (CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER), 1,
            new.updated_at)
    ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
      changed_at = max(changed_at, excluded.changed_at);
END;

CREATE TRIGGER archive_months_delete AFTER DELETE ON articles
  WHEN old.status = 'published'
BEGIN
  DELETE FROM archive_months WHERE articles = 1
    AND month = CAST(strftime('%Y%m', old.published_at, 'unixepoch') AS INTEGER);
  UPDATE archive_months SET articles = articles - 1
    WHERE month = CAST(strftime('%Y%m', old.published_at, 'unixepoch') AS INTEGER);
END;

CREATE TRIGGER archive_months_update AFTER UPDATE OF status, published_at
    ON articles
  WHEN (old.status IS NOT new.status OR old.published_at IS NOT new.published_at)
    AND 'published' IN (old.status, new.status)
BEGIN
  DELETE FROM archive_months WHERE old.status = 'published' AND articles = 1
    AND month = CAST(strftime('%Y%m', old.published_at, 'unixepoch') AS INTEGER);
  UPDATE archive_months SET articles = articles - 1,
      changed_at = max(changed_at, new.updated_at)
    WHERE old.status = 'published'
    AND month = CAST(strftime('%Y%m', old.published_at, 'unixepoch') AS INTEGER);
  INSERT INTO archive_months (month, articles, changed_at)
    SELECT CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER), 1,
           new.updated_at
    WHERE new.status = 'published'
    ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
      changed_at = max(changed_at, excluded.changed_at);
END;

CREATE TRIGGER archive_months_edit AFTER UPDATE OF updated_at ON articles
  WHEN new.status = 'published'
BEGIN
  UPDATE archive_months SET changed_at = max(changed_at, new.updated_at)
    WHERE month = CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER);
END;

PRAGMA user_version = 11;
