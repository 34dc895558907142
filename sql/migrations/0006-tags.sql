-- 0006-tags: articles carry tags (issue 8). A tag is its name as first
-- written and its slug, the URL form /tag/SLUG (src/tag.h says the rule);
-- two spellings with one slug are one tag. A tag no article carries any
-- more is deleted by the trigger, also when an article's deletion cascades.

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,           -- never reused
  name TEXT NOT NULL                                -- as first written: 'Café'
       CHECK (length(name) BETWEEN 1 AND 50),
  slug TEXT NOT NULL UNIQUE                         -- URL: /tag/slug; lowercase UTF-8,
       CHECK (length(slug) BETWEEN 1 AND 50)        -- hyphens for spaces: 'café'
);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id),
  PRIMARY KEY (article_id, tag_id)                  -- an article's tags; a tag's page walks
) WITHOUT ROWID;                                    -- articles_published and probes this
-- A tag's articles, and whether a tag is still carried (the trigger).
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);
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
