/*
 * db_check: read-only looks at a database for quire check. Its statements
 * are prepared where they run, not by db_prepare(): a database quire check
 * looks at may be older or newer than this binary, or damaged, and must be
 * read without being changed.
 */
#include <stdlib.h>
#include <string.h>

#include "db_check.h"
#include "db_int.h"
#include "log.h"

enum {
	S_INTEGRITY,
	S_VERSION,
	S_SETTINGS,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_INTEGRITY: the first 20 problems at most */
	"PRAGMA integrity_check(20)",
	/* S_VERSION */
	"PRAGMA user_version",
	/* S_SETTINGS */
	"SELECT key, value FROM settings ORDER BY key",
};

struct db *
db_check_open(const char *path, struct arena *a, const char **why)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->path = strdup(path)) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*why = arena_printf(a, "cannot open: %s", db->h != NULL ?
		    sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, 5000);
	return db;
}

/* Steps statement s, handing each row to row(); 0, or -1 and *why. */
static int
each_row(struct db *db, struct arena *a, int s, const char **why,
    void (*row)(sqlite3_stmt *, struct arena *, void *), void *ctx)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if (sqlite3_prepare_v2(db->h, sql[s], -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(st, a, ctx);
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	*why = arena_printf(a, "%s: %s", sql[s], sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	return -1;
}

struct lines {
	const char	**v;
	size_t		  n, cap;
};

static void
integrity_row(sqlite3_stmt *st, struct arena *a, void *ctx)
{
	struct lines	*l = ctx;
	const char	*s = db_col_text(st, a, 0);

	if (strcmp(s, "ok") == 0)
		return;
	l->v = arena_grow(a, l->v, l->n, &l->cap, sizeof(*l->v));
	l->v[l->n++] = s;
}

int
db_check_integrity(struct db *db, struct arena *a, const char ***lines,
    size_t *n, const char **why)
{
	struct lines	 l = { NULL, 0, 0 };

	if (each_row(db, a, S_INTEGRITY, why, integrity_row, &l) == -1)
		return -1;
	*lines = l.v;
	*n = l.n;
	return 0;
}

static void
version_row(sqlite3_stmt *st, struct arena *a, void *ctx)
{
	*(int *)ctx = sqlite3_column_int(st, 0);
}

int
db_check_version(struct db *db, struct arena *a, int *version,
    const char **why)
{
	*version = 0;
	return each_row(db, a, S_VERSION, why, version_row, version);
}

struct kvs {
	struct db_check_kv	*v;
	size_t			 n, cap;
};

static void
setting_row(sqlite3_stmt *st, struct arena *a, void *ctx)
{
	struct kvs	*k = ctx;

	k->v = arena_grow(a, k->v, k->n, &k->cap, sizeof(*k->v));
	k->v[k->n].key = db_col_text(st, a, 0);
	k->v[k->n++].value = db_col_text(st, a, 1);
}

int
db_check_settings(struct db *db, struct arena *a, struct db_check_kv **rows,
    size_t *n, const char **why)
{
	struct kvs	 k = { NULL, 0, 0 };

	if (each_row(db, a, S_SETTINGS, why, setting_row, &k) == -1)
		return -1;
	*rows = k.v;
	*n = k.n;
	return 0;
}
