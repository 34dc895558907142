-- 0007-search: full-text search over articles (issue 8). An FTS5 index of
-- title, excerpt and body, with the rows themselves kept in articles
-- (external content, content_rowid the id); triggers keep it in step, in
-- the transaction of the statement that changes an article. Every article
-- is indexed, drafts too: what a reader may find (DB_VISIBLE) is decided
-- when searching, so a scheduled article is found from its time on with
-- nothing to re-index. Porter stems English (running -> run); unicode61
-- with remove_diacritics 2 folds case and accents (cafe finds café).

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

-- The articles there already.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
