-- 0009-archive: an archive that holds at any size (issue 8). /archive and
-- /archive/YYYY show how many articles each month holds; counting them from
-- articles walked every published row (100,000 at 100,000 articles) on each
-- request. archive_months keeps the count of published articles per month,
-- scheduled ones included, kept by triggers in the transaction of the
-- statement that changes an article; readers subtract the scheduled ones
-- (published_at > :now, a short range of articles_published), so an
-- article still appears at its time with nothing to recount.

CREATE TABLE archive_months (
  month    INTEGER PRIMARY KEY,                   -- YYYYMM of published_at, UTC: 202406
  articles INTEGER NOT NULL CHECK (articles > 0)  -- published in it, scheduled ones too;
                                                  -- a month with none has no row
);

CREATE TRIGGER archive_months_insert AFTER INSERT ON articles
  WHEN new.status = 'published'
BEGIN
  INSERT INTO archive_months (month, articles)
    VALUES (CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER), 1)
    ON CONFLICT (month) DO UPDATE SET articles = articles + 1;
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
  UPDATE archive_months SET articles = articles - 1 WHERE old.status = 'published'
    AND month = CAST(strftime('%Y%m', old.published_at, 'unixepoch') AS INTEGER);
  INSERT INTO archive_months (month, articles)
    SELECT CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER), 1
    WHERE new.status = 'published'
    ON CONFLICT (month) DO UPDATE SET articles = articles + 1;
END;

-- The articles there already.
INSERT INTO archive_months (month, articles)
  SELECT CAST(strftime('%Y%m', published_at, 'unixepoch') AS INTEGER), count(*)
  FROM articles WHERE status = 'published' GROUP BY 1;
