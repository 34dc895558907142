-- 0008-redirects: old addresses that keep working (issue 8). A row is
-- either automatic (article_id: an address an article had before its slug
-- or date changed, written in the save's transaction; answered with the
-- article's address of the moment, so chains collapse, and gone with the
-- article) or manual (target: a local path typed in /admin/redirects).
-- Paths are stored decoded, as req.c decodes a request's path.

CREATE TABLE redirects (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  path       TEXT NOT NULL UNIQUE,
  article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
  target     TEXT,
  created_at INTEGER NOT NULL,
  CHECK ((article_id IS NULL) <> (target IS NULL))
);
CREATE INDEX redirects_target ON redirects (target);
