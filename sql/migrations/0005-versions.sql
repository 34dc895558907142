-- 0005-versions: an article's or a page's id is never handed to another
-- (AUTOINCREMENT), so (id, list_rev) and (id, revision) name one version
-- of one post for ever and a conditional-GET stamp built from them cannot
-- match a different row set (issue 7, defect 5: a deleted article's id
-- reused by the next one gave it the old one's stamp). The triggers that
-- noted when content changed go: they read SQLite's wall clock, not
-- quire's; quire writes 'changed_at' in the same transaction as the change.
-- SQLite cannot add AUTOINCREMENT to a table: each is rebuilt, rows kept.

ALTER TABLE articles RENAME TO articles_0004;
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
INSERT INTO articles (id, slug, title, excerpt, body, author, status,
    published_at, created_at, updated_at, revision, list_rev)
  SELECT id, slug, title, excerpt, body, author, status, published_at,
    created_at, updated_at, revision, list_rev FROM articles_0004;
DROP TABLE articles_0004;
CREATE INDEX articles_published
  ON articles (status, published_at, id, list_rev, updated_at,
               slug, title, author, revision, created_at);

ALTER TABLE pages RENAME TO pages_0004;
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
INSERT INTO pages (id, slug, title, body, status, created_at, updated_at,
    revision)
  SELECT id, slug, title, body, status, created_at, updated_at, revision
    FROM pages_0004;
DROP TABLE pages_0004;
