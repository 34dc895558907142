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
#include "log.h"
#include "search.h"

enum {
	S_PAGE,
	S_PAGE_WINDOW,
	S_STAMP,
	S_MORE,
	S__MAX
};

/* The matches readers may see in the window (all: :floor 0). DB_VISIBLE's
 * columns are the articles side's: articles_fts has none of them. CROSS
 * JOIN keeps the index the outer loop: left to itself, SQLite walked every
 * visible article and asked FTS5 about each. INDEXED BY articles_visible
 * reads status and times from that index, not from the rows, where they
 * come after a body of several pages: a word in 97,000 of 100,000
 * articles took 680 ms to count that way, 40 ms from the index. */
#define WINDOW \
	" FROM articles_fts CROSS JOIN articles a INDEXED BY articles_visible" \
	" ON a.id = articles_fts.rowid" \
	" WHERE articles_fts MATCH :q AND articles_fts.rowid >= :floor" \
	" AND " DB_VISIBLE
/* The ranking: bm25() over every match; quire_rank() (below) in a
 * window, where bm25()'s inverse document frequency, which reads a word's
 * whole list of articles once a query (2 ms for a word in 97,000), is
 * what a window exists to avoid. */
#define BM25	"bm25(articles_fts, 10.0, 4.0, 1.0)"
#define RANK	"quire_rank(articles_fts, 10.0, 4.0, 1.0)"
#define MATCHES(R) WINDOW \
	" ORDER BY " R ", a.published_at DESC, a.id DESC"
/* S_PAGE: list columns, the marked title, and a snippet of about 24
 * tokens from whichever column matches best. The page's ids are chosen
 * first: SQLite computes the columns of every row it sorts, and
 * snippet() costs the square of an article's matches. They are then
 * found by a scan of the window's index entries: a plain "rowid IN" is
 * handed to FTS5, which reads a word's whole list of articles for each
 * rowid (25 ms for ten of a word in 97,000 articles), and a join before
 * the filter reads an article row per entry (1.2 ms); "+rowid" keeps the
 * filter SQLite's (0.1 ms). */
#define PAGE(R) \
	"SELECT a.id, a.slug, a.title, a.author, a.status, a.published_at," \
	" a.created_at, a.updated_at, a.revision," \
	" highlight(articles_fts, 0, :on, :off)," \
	" snippet(articles_fts, -1, :on, :off, :dots, 24)" \
	" FROM articles_fts CROSS JOIN articles a" \
	" ON a.id = articles_fts.rowid" \
	" WHERE articles_fts MATCH :q AND articles_fts.rowid >= :floor" \
	" AND +articles_fts.rowid IN (SELECT a.id" MATCHES(R) \
	" LIMIT :limit OFFSET :offset)" \
	" ORDER BY " R ", a.published_at DESC, a.id DESC"

static const char *const sql[S__MAX] = {
	/* S_PAGE: every match ranked (in parentheses: one string, as
	 * clang asks). */
	(PAGE(BM25)),
	/* S_PAGE_WINDOW: the window's (db_search.h). */
	(PAGE(RANK)),
	/* S_STAMP: the :window newest visible matches, newest first, with
	 * no ranking (the order of a page also moves with the whole index's
	 * statistics, which any save changes, and h_search_stamp() mixes in
	 * the time of the last save for that), and the oldest id of them:
	 * the window's floor if there are more. Drafts and scheduled
	 * articles take no place in the window. */
	"SELECT count(*), ifnull(max(max(updated_at, published_at)), 0),"
	" stamp_hash(id, revision, published_at), ifnull(min(id), 0)"
	" FROM (SELECT a.id, a.revision, a.updated_at, a.published_at"
	WINDOW " ORDER BY articles_fts.rowid DESC LIMIT :window)",
	/* S_MORE: a visible match older than :below, so that the window
	 * does not hold every match. */
	"SELECT 1" WINDOW " AND articles_fts.rowid < :below LIMIT 1",
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

/*
 * quire_rank(articles_fts, title, excerpt, body weights): Okapi BM25 as
 * bm25() computes it, lower for a better match, less the inverse document
 * frequency: every word of the query weighs alike. Within a window of a
 * common word's matches that changes little, and it reads only the row's
 * own matches and sizes, never a word's whole list.
 */
#define RANK_COLS	3
#define RANK_K1		1.2
#define RANK_B		0.75

struct rank_avg {
	double	 len[RANK_COLS];	/* tokens per column, on average */
};

static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	struct rank_avg	*avg;
	sqlite3_int64	 rows, total;
	double		 tf[RANK_COLS] = { 0 }, score = 0, w, rel;
	int		 ncol, ninst, i, phrase, col, off, ntok;

	if ((ncol = api->xColumnCount(fts)) > RANK_COLS)
		ncol = RANK_COLS;
	if ((avg = api->xGetAuxdata(fts, 0)) == NULL) {
		if ((avg = sqlite3_malloc(sizeof(*avg))) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		if (api->xRowCount(fts, &rows) != SQLITE_OK)
			rows = 0;
		for (i = 0; i < ncol; i++) {
			if (api->xColumnTotalSize(fts, i, &total) != SQLITE_OK)
				total = 0;
			avg->len[i] = rows > 0 && total > 0 ?
			    (double)total / (double)rows : 1.0;
		}
		if (api->xSetAuxdata(fts, avg, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "quire_rank: no matches", -1);
		return;
	}
	for (i = 0; i < ninst; i++)
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK &&
		    col >= 0 && col < ncol)
			tf[col] += 1.0;
	for (i = 0; i < ncol; i++) {
		if (tf[i] == 0.0 || api->xColumnSize(fts, i, &ntok) !=
		    SQLITE_OK)
			continue;
		w = i < nval ? sqlite3_value_double(val[i]) : 1.0;
		rel = (double)ntok / avg->len[i];
		score += w * tf[i] * (RANK_K1 + 1.0) /
		    (tf[i] + RANK_K1 * (1.0 - RANK_B + RANK_B * rel));
	}
	sqlite3_result_double(ctx, -score);
}

int
db_search_register(struct db *db)
{
	sqlite3_stmt	*st = NULL;
	fts5_api	*api = NULL;
	int		 rc = -1;

	/* FTS5 hands its API over as a pointer bound to "SELECT fts5(?)". */
	if (sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	if (sqlite3_step(st) != SQLITE_ROW || api == NULL ||
	    api->iVersion < 2)
		goto out;
	if (api->xCreateFunction(api, "quire_rank", NULL, rank_fn, NULL) !=
	    SQLITE_OK)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		log_err("%s: cannot register quire_rank with FTS5: %s",
		    db->path, sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	return rc;
}

/* Is a visible match older than id below? 1 or 0; -1. */
static int
more(struct db *db, const char *fts, long long now, long long below)
{
	sqlite3_stmt	*st = ST(S_MORE);
	int		 rc;

	if (db_bind_text(db, st, ":q", fts) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":floor", 0) == -1 ||
	    db_bind_int(db, st, ":below", below) == -1)
		return -1;
	rc = sqlite3_step(st);
	return db_done(db, st, rc) == -1 ? -1 : rc == SQLITE_ROW;
}

int
db_search_stamp(struct db *db, const char *fts, long long now,
    struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP);
	const void	*key;
	long long	 oldest = 0;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_text(db, st, ":q", fts) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":floor", 0) == -1 ||
	    db_bind_int(db, st, ":window", SEARCH_WINDOW) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		key = sqlite3_column_blob(st, 2);
		if (key != NULL && sqlite3_column_bytes(st, 2) == DB_STAMP_KEY)
			memcpy(out->key, key, DB_STAMP_KEY);
		oldest = sqlite3_column_int64(st, 3);
	}
	if (db_done(db, st, rc) == -1)
		return -1;
	/* A full window is the whole of the matches unless one is older. */
	if (out->rows == SEARCH_WINDOW) {
		if ((rc = more(db, fts, now, oldest)) == -1)
			return -1;
		if (rc)
			out->floor = oldest;
	}
	return 1;
}

int
db_search_page(struct db *db, struct arena *a, const char *fts,
    long long now, long long floor, int limit, int offset,
    struct search_hit **out, size_t *n)
{
	sqlite3_stmt		*st = ST(floor > 0 ? S_PAGE_WINDOW : S_PAGE);
	struct search_hit	*v = NULL, *h;
	size_t			 cap = 0;
	int			 rc;

	*n = 0;
	if (db_bind_text(db, st, ":q", fts) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":floor", floor) == -1 ||
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
