/*
 * db_search: the statements on the FTS5 index of articles. The index
 * holds every article; the join keeps the visible ones (DB_VISIBLE), so
 * a scheduled article is found from its time on, and unpublishing or
 * deleting one (its triggers run in db_post's transaction) hides it at
 * once. A page and its stamp read the same rows in the same order.
 */
#include <string.h>

#include "db_int.h"
#include "db_search.h"
#include "search.h"

enum {
	S_PAGE,
	S_STAMP,
	S__MAX
};

/* The matches readers may see, best first. bm25() is lower for a better
 * match; the weights are the columns' (title, excerpt, body). DB_VISIBLE's
 * columns are the articles side's: articles_fts has none of them. CROSS
 * JOIN keeps the index the outer loop: left to itself, SQLite walked every
 * visible article and asked FTS5 about each. INDEXED BY articles_visible
 * reads status and times from that index, not from the rows, where they
 * come after a body of several pages: a word in 97,000 of 100,000
 * articles took 680 ms to count that way, 40 ms from the index. */
#define MATCHES \
	" FROM articles_fts CROSS JOIN articles a INDEXED BY articles_visible" \
	" ON a.id = articles_fts.rowid" \
	" WHERE articles_fts MATCH :q AND " DB_VISIBLE \
	" ORDER BY bm25(articles_fts, 10.0, 4.0, 1.0)," \
	" a.published_at DESC, a.id DESC"

static const char *const sql[S__MAX] = {
	/* S_PAGE: list columns, the marked title, and a snippet of about
	 * 24 tokens from whichever column matches best. The page's ids are
	 * chosen first: SQLite computes the columns of every row it sorts,
	 * and snippet() costs the square of an article's matches. */
	"SELECT a.id, a.slug, a.title, a.author, a.status, a.published_at,"
	" a.created_at, a.updated_at, a.revision,"
	" highlight(articles_fts, 0, :on, :off),"
	" snippet(articles_fts, -1, :on, :off, :dots, 24)"
	" FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
	" WHERE articles_fts MATCH :q AND articles_fts.rowid IN"
	" (SELECT a.id" MATCHES " LIMIT :limit OFFSET :offset)"
	" ORDER BY bm25(articles_fts, 10.0, 4.0, 1.0),"
	" a.published_at DESC, a.id DESC",
	/* S_STAMP: stamp_hash() (db_stamp.c) is fed the rows in page
	 * order, so a reordering moves the key too. */
	"SELECT count(*), ifnull(max(max(updated_at, published_at)), 0),"
	" stamp_hash(id, revision, published_at)"
	" FROM (SELECT a.id, a.revision, a.updated_at, a.published_at"
	MATCHES ")",
};

const struct db_sql db_search_sql = { "db_search", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SEARCH, (s))

/* Column i copied into the arena, with its length in bytes: the markers
 * are not UTF-8, so the length comes from SQLite, not strlen(). */
static const char *
col_bytes(sqlite3_stmt *st, struct arena *a, int i, size_t *len)
{
	const unsigned char	*s = sqlite3_column_text(st, i);
	int			 n = sqlite3_column_bytes(st, i);

	*len = s != NULL && n > 0 ? (size_t)n : 0;
	return arena_strndup(a, s != NULL ? (const char *)s : "", *len);
}

int
db_search_stamp(struct db *db, const char *fts, long long now,
    struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP);
	const void	*key;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_text(db, st, ":q", fts) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		key = sqlite3_column_blob(st, 2);
		if (key != NULL && sqlite3_column_bytes(st, 2) == DB_STAMP_KEY)
			memcpy(out->key, key, DB_STAMP_KEY);
	}
	return db_done(db, st, rc) == -1 ? -1 : 1;
}

int
db_search_page(struct db *db, struct arena *a, const char *fts,
    long long now, int limit, int offset, struct search_hit **out,
    size_t *n)
{
	sqlite3_stmt		*st = ST(S_PAGE);
	struct search_hit	*v = NULL, *h;
	size_t			 cap = 0;
	int			 rc;

	*n = 0;
	if (db_bind_text(db, st, ":q", fts) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_text(db, st, ":on", SEARCH_MARK_ON) == -1 ||
	    db_bind_text(db, st, ":off", SEARCH_MARK_OFF) == -1 ||
	    db_bind_text(db, st, ":dots", "\xe2\x80\xa6") == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1 ||
	    db_bind_int(db, st, ":offset", offset) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		h = &v[(*n)++];
		memset(h, 0, sizeof(*h));
		h->p.id = sqlite3_column_int64(st, 0);
		h->p.kind = POST_ARTICLE;
		h->p.slug = db_col_text(st, a, 1);
		h->p.title = db_col_text(st, a, 2);
		h->p.excerpt = "";
		h->p.body = "";
		h->p.author = db_col_text(st, a, 3);
		h->p.status = db_col_text(st, a, 4);
		h->p.has_date = 1;
		h->p.published_at = sqlite3_column_int64(st, 5);
		h->p.created_at = sqlite3_column_int64(st, 6);
		h->p.updated_at = sqlite3_column_int64(st, 7);
		h->p.revision = sqlite3_column_int64(st, 8);
		h->title_marked = col_bytes(st, a, 9, &h->title_len);
		h->snippet = col_bytes(st, a, 10, &h->snippet_len);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}
