-- 0010-tag-counts: tag pages, /tags and the sitemap's index that hold at
-- any size (issue 8).
-- A tag's page walked articles_published newest first and probed
-- article_tags for each row: a tag on one article in a thousand read
-- 10,000 rows for its first page (9.6 ms at 100,000 articles); /tags
-- joined every link to its article to count (44 ms). Now each link keeps
-- its article's publication time (NULL unless published), so a tag's
-- page is a range of article_tags_published, and each tag keeps how many
-- of its links are published (scheduled ones included; readers subtract
-- those past :now, a short range of the same index) and its articles'
-- latest save. Triggers keep both in the transaction of the statement that
-- changes an article or a link. Each archive month also keeps its articles'
-- latest save, so a sitemap index past 50,000 addresses gives each year's
-- file its lastmod from the months alone (it read every article: 133 ms).

ALTER TABLE tags ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tags ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_tags ADD COLUMN published_at INTEGER;

UPDATE article_tags SET published_at = (SELECT CASE WHEN a.status = 'published'
    THEN a.published_at END FROM articles a WHERE a.id = article_id);
UPDATE tags SET
  articles = (SELECT count(*) FROM article_tags x
              WHERE x.tag_id = tags.id AND x.published_at IS NOT NULL),
  changed_at = ifnull((SELECT max(a.updated_at) FROM article_tags x
              JOIN articles a ON a.id = x.article_id WHERE x.tag_id = tags.id), 0);

DROP INDEX article_tags_tag;
-- A tag's page, newest first, and its scheduled links; whether a tag is
-- still carried (the orphan trigger).
CREATE INDEX article_tags_published
  ON article_tags (tag_id, published_at, article_id);

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

-- The months' latest saves (the sitemap's index): the triggers of 0009
-- again, with changed_at, and one for a save that moves no count.
ALTER TABLE archive_months ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
UPDATE archive_months SET changed_at = ifnull((SELECT max(a.updated_at)
    FROM articles a WHERE a.status = 'published'
    AND CAST(strftime('%Y%m', a.published_at, 'unixepoch') AS INTEGER)
      = archive_months.month), 0);

DROP TRIGGER archive_months_insert;
CREATE TRIGGER archive_months_insert AFTER INSERT ON articles
  WHEN new.status = 'published'
BEGIN
  INSERT INTO archive_months (month, articles, changed_at)
    VALUES (CAST(strftime('%Y%m', new.published_at, 'unixepoch') AS INTEGER), 1,
            new.updated_at)
    ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
      changed_at = max(changed_at, excluded.changed_at);
END;

DROP TRIGGER archive_months_update;
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
