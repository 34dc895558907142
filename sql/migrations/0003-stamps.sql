-- 0003-stamps: what conditional GET needs to answer 304 from one cheap
-- query. list_rev counts changes to what lists show of an article (title,
-- slug, author, status, publication time), so an edit of the body alone
-- leaves the archive's ETag alone; the wider index lets the stamp of any
-- range of the archive be read from the index without touching the rows;
-- triggers note when content last changed.

ALTER TABLE articles ADD COLUMN list_rev INTEGER NOT NULL DEFAULT 1;

DROP INDEX articles_published;
CREATE INDEX articles_published
  ON articles (status, published_at, id, list_rev, updated_at);

-- When any article or page last changed, deletions included: the floor of
-- every page's Last-Modified, so that it never goes back in time when an
-- article leaves a page. Kept in settings, which every request reads.
CREATE TRIGGER articles_ins AFTER INSERT ON articles BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
CREATE TRIGGER articles_upd AFTER UPDATE ON articles BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
CREATE TRIGGER articles_del AFTER DELETE ON articles BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
CREATE TRIGGER pages_ins AFTER INSERT ON pages BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
CREATE TRIGGER pages_upd AFTER UPDATE ON pages BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
CREATE TRIGGER pages_del AFTER DELETE ON pages BEGIN
  INSERT INTO settings (key, value) VALUES ('changed_at', strftime('%s', 'now'))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END;
