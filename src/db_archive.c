/*
 * db_archive: the statements that give the archive its shape. Counts come
 * from archive_months (kept by triggers, schema 0009) minus the scheduled
 * articles, a short range of articles_published past :now. A month's page
 * is an offset into it (db_post_list_month()): nothing here walks a month.
 */
#include <string.h>

#include "db_archive.h"
#include "db_int.h"
#include "db_stamp.h"

enum {
	S_MONTHS,
	S_STAMP,
	S_COUNT,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_MONTHS */
	DB_MONTHS,
	/* S_STAMP: the months and counts in the order the page shows them;
	 * the latest visible publication of the range, which is when a
	 * scheduled article last changed a count. */
	"SELECT ifnull(sum(n), 0), ifnull((SELECT published_at FROM articles"
	" WHERE " DB_IN_RANGE " ORDER BY published_at DESC LIMIT 1), 0),"
	" stamp_hash(month, n, NULL) FROM (" DB_MONTHS ")",
	/* S_COUNT: one month's, [:from, :to) its times; no join to
	 * materialise (a month page spent 45 us on DB_MONTHS' temporary
	 * index). */
	"SELECT articles - (SELECT count(*) FROM articles"
	" WHERE status = 'published' AND published_at > :now"
	" AND published_at >= :from AND published_at < :to)"
	" FROM archive_months WHERE month = :ym",
};

const struct db_sql db_archive_sql = { "db_archive", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_ARCHIVE, (s))

int
db_archive_months(struct db *db, struct arena *a, long long now, int lo,
    int hi, struct db_month **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_MONTHS);
	struct db_month	*v = NULL;
	size_t		 cap = 0;
	int		 rc, ym;

	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":lo", lo) == -1 ||
	    db_bind_int(db, st, ":hi", hi) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		ym = sqlite3_column_int(st, 0);
		v[*n].year = ym / 100;
		v[*n].month = ym % 100;
		v[*n].count = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_archive_stamp(struct db *db, long long now, int lo, int hi,
    long long from, long long to, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP);
	const void	*b;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":lo", lo) == -1 ||
	    db_bind_int(db, st, ":hi", hi) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		b = sqlite3_column_blob(st, 2);
		if (b != NULL && sqlite3_column_bytes(st, 2) == DB_STAMP_KEY)
			memcpy(out->key, b, DB_STAMP_KEY);
	}
	if (db_done(db, st, rc) == -1)
		return -1;
	return out->rows > 0;
}

int
db_archive_count(struct db *db, long long now, int ym, long long from,
    long long to, long long *count)
{
	sqlite3_stmt	*st = ST(S_COUNT);
	int		 rc;

	*count = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":ym", ym) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	return db_done(db, st, rc) == -1 ? -1 : 0;
}
