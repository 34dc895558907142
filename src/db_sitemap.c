/*
 * db_sitemap: the sitemap's statements. Articles are read from the index
 * articles_published alone (it holds slug and times), never their bodies.
 * The stamp hashes every listed row's id and times with stamp_hash()
 * (db_stamp.c): a slug changes updated_at, so it changes the stamp too.
 */
#include <string.h>

#include "date.h"
#include "db_int.h"
#include "db_sitemap.h"

enum {
	S_ARTICLES,
	S_PAGES,
	S_STAMP,
	S_YEARS,
	S_LATEST,
	S_ARTICLES_RANGE,
	S_STAMP_RANGE,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ARTICLES */
	"SELECT slug, published_at, max(updated_at, published_at)"
	" FROM articles WHERE " DB_VISIBLE
	" ORDER BY published_at DESC, id DESC",
	/* S_PAGES */
	"SELECT slug, 0, updated_at FROM pages WHERE status = 'published'"
	" ORDER BY slug",
	/* S_STAMP: pages as ids below -1 (stamp_hash skips -1), after the
	 * articles. */
	"SELECT count(*), ifnull(max(t), 0), stamp_hash(k, u, p) FROM ("
	" SELECT 0 AS o, id AS k, updated_at AS u, published_at AS p,"
	"  max(updated_at, published_at) AS t FROM articles WHERE " DB_VISIBLE
	" UNION ALL"
	" SELECT 1, -1 - id, updated_at, 0, updated_at FROM pages"
	"  WHERE status = 'published'"
	" ORDER BY 1, 2)",
	/* S_YEARS: per year, its visible articles, its months and their
	 * latest save, from archive_months alone (no article is read). */
	"SELECT month / 100, sum(n), count(*), max(changed_at)"
	" FROM (" DB_MONTHS ") GROUP BY 1 ORDER BY 1 DESC",
	/* S_LATEST: the latest visible publication in [:from, :to). */
	"SELECT ifnull(max(published_at), 0) FROM articles WHERE " DB_IN_RANGE,
	/* S_ARTICLES_RANGE: as S_ARTICLES, published in [:from, :to). */
	"SELECT slug, published_at, max(updated_at, published_at)"
	" FROM articles WHERE " DB_IN_RANGE
	" ORDER BY published_at DESC, id DESC",
	/* S_STAMP_RANGE: as S_STAMP, the articles of [:from, :to). */
	"SELECT count(*), ifnull(max(t), 0), stamp_hash(k, u, p) FROM ("
	" SELECT 0 AS o, id AS k, updated_at AS u, published_at AS p,"
	"  max(updated_at, published_at) AS t FROM articles WHERE " DB_IN_RANGE
	" UNION ALL"
	" SELECT 1, -1 - id, updated_at, 0, updated_at FROM pages"
	"  WHERE status = 'published'"
	" ORDER BY 1, 2)",
};

const struct db_sql db_sitemap_sql = { "db_sitemap", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SITEMAP, (s))

static int
rows(struct db *db, sqlite3_stmt *st, struct arena *a,
    struct db_sitemap_row **out, size_t *n)
{
	struct db_sitemap_row	*v = NULL;
	size_t			 cap = 0;
	int			 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].slug = db_col_text(st, a, 0);
		v[*n].published_at = sqlite3_column_int64(st, 1);
		v[*n].lastmod = sqlite3_column_int64(st, 2);
		(*n)++;
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_sitemap_articles(struct db *db, struct arena *a, long long now,
    struct db_sitemap_row **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES);

	*out = NULL;
	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	return rows(db, st, a, out, n);
}

int
db_sitemap_pages(struct db *db, struct arena *a, struct db_sitemap_row **out,
    size_t *n)
{
	return rows(db, ST(S_PAGES), a, out, n);
}

/* Reads a stamp row: count, last change, key. */
static int
stamp_row(struct db *db, sqlite3_stmt *st, struct db_stamp *out)
{
	const void	*key;
	int		 rc;

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
db_sitemap_stamp(struct db *db, long long now, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP);

	memset(out, 0, sizeof(*out));
	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	return stamp_row(db, st, out);
}

int
db_sitemap_stamp_range(struct db *db, long long now, long long from,
    long long to, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP_RANGE);

	memset(out, 0, sizeof(*out));
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	return stamp_row(db, st, out);
}

int
db_sitemap_articles_range(struct db *db, struct arena *a, long long now,
    long long from, long long to, struct db_sitemap_row **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES_RANGE);

	*out = NULL;
	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	return rows(db, st, a, out, n);
}

/* The latest visible publication in [from, to), into *t. */
static int
latest(struct db *db, long long now, long long from, long long to,
    long long *t)
{
	sqlite3_stmt	*st = ST(S_LATEST);
	int		 rc;

	*t = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*t = sqlite3_column_int64(st, 0);
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_sitemap_years(struct db *db, struct arena *a, long long now,
    struct db_sitemap_year **out, size_t *n)
{
	sqlite3_stmt		*st = ST(S_YEARS);
	struct db_sitemap_year	*v = NULL;
	long long		 from, to, t;
	size_t			 cap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":lo", 0) == -1 ||
	    db_bind_int(db, st, ":hi", 999912) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].year = sqlite3_column_int(st, 0);
		v[*n].articles = sqlite3_column_int64(st, 1);
		v[*n].months = sqlite3_column_int64(st, 2);
		v[*n].lastmod = sqlite3_column_int64(st, 3);
		(*n)++;
	}
	if (db_done(db, st, rc) == -1)
		return -1;
	/* A scheduled article's publication is a change its save time
	 * does not show. */
	for (i = 0; i < *n; i++) {
		date_range(v[i].year, 0, &from, &to);
		if (latest(db, now, from, to, &t) == -1)
			return -1;
		if (t > v[i].lastmod)
			v[i].lastmod = t;
	}
	*out = v;
	return 0;
}
