/*
 * db_port: the statements of import and export that no other db_*
 * module has (db_port.h).
 */
#include "db_int.h"
#include "db_port.h"

enum {
	S_ARTICLE_FIND,
	S_PAGE_FIND,
	S_ARTICLE_IDS,
	S_PAGE_IDS,
	S_ARTICLE_UPDATED,
	S_PAGE_UPDATED,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ARTICLE_FIND */
	"SELECT id FROM articles WHERE slug = :slug",
	/* S_PAGE_FIND */
	"SELECT id FROM pages WHERE slug = :slug",
	/* S_ARTICLE_IDS */
	"SELECT id FROM articles ORDER BY id",
	/* S_PAGE_IDS */
	"SELECT id FROM pages ORDER BY id",
	/* S_ARTICLE_UPDATED */
	"UPDATE articles SET updated_at = :t, created_at = min(created_at, :t)"
	" WHERE id = :id",
	/* S_PAGE_UPDATED */
	"UPDATE pages SET updated_at = :t, created_at = min(created_at, :t)"
	" WHERE id = :id",
};

const struct db_sql db_port_sql = { "db_port", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_PORT, (s))

int
db_port_find(struct db *db, enum post_kind kind, const char *slug,
    long long *id)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_PAGE_FIND :
			    S_ARTICLE_FIND);
	int		 rc;

	if (db_bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	return db_done(db, st, rc);
}

int
db_port_ids(struct db *db, struct arena *a, enum post_kind kind,
    long long **ids, size_t *n)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_PAGE_IDS :
			    S_ARTICLE_IDS);
	long long	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[(*n)++] = sqlite3_column_int64(st, 0);
	}
	*ids = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_port_updated(struct db *db, enum post_kind kind, long long id,
    long long t)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_PAGE_UPDATED :
			    S_ARTICLE_UPDATED);

	if (db_bind_int(db, st, ":id", id) == -1 ||
	    db_bind_int(db, st, ":t", t) == -1 || db_run(db, st) == -1)
		return -1;
	return 0;
}

int
db_port_begin(struct db *db)
{
	return db_begin(db);
}

int
db_port_commit(struct db *db)
{
	return db_commit(db);
}

void
db_port_rollback(struct db *db)
{
	db_rollback(db);
}
