-- 0003-stamps: what conditional GET needs to answer 304 from one cheap
-- query. list_rev counts changes to what lists show of an article (title,
-- slug, author, status, publication time), so an edit of the body alone
-- leaves the archive's ETag alone; the wider index lets the stamp of any
-- range of the archive be read from the index without touching the rows.

ALTER TABLE articles ADD COLUMN list_rev INTEGER NOT NULL DEFAULT 1;

DROP INDEX articles_published;
CREATE INDEX articles_published
  ON articles (status, published_at, id, list_rev, updated_at);
