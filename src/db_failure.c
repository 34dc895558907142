/*
 * db_failure: the signin_failures table (db_failure.h).
 */
#include "db_failure.h"
#include "db_int.h"

enum {
	S_GET,
	S_TAKE,
	S_UNTAKE,
	S_CLEAR,
	S_PURGE,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_GET */
	"SELECT failures, last_at FROM signin_failures WHERE key = :key",
	/* S_TAKE */
	("INSERT INTO signin_failures (key, failures, last_at)"
	" VALUES (:key, 1, :now) ON CONFLICT (key) DO UPDATE"
	" SET failures = failures + 1, last_at = :now"),
	/* S_UNTAKE */
	("UPDATE signin_failures SET failures = failures - 1"
	" WHERE key = :key AND failures > 0"),
	/* S_CLEAR */
	"DELETE FROM signin_failures WHERE key = :key",
	/* S_PURGE */
	"DELETE FROM signin_failures WHERE last_at <= :before",
};

const struct db_sql db_failure_sql = { "db_failure", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_FAILURE, (s))

int
db_failure_get(struct db *db, const char *key, long long *failures,
    long long *last)
{
	sqlite3_stmt	*st = ST(S_GET);
	int		 rc;

	*failures = 0;
	*last = 0;
	if (db_bind_text(db, st, ":key", key) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*failures = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_failure_try(struct db *db, const char *const *keys, size_t n,
    long long now, long long forget_before, db_failure_wait_fn wait,
    long long *retry)
{
	size_t		 i;
	long long	 failures, last, w;

	*retry = 0;
	/* The reads and the counts in one write transaction: a second
	 * worker's attempt waits here and then sees this one. */
	if (db_begin(db) == -1)
		return -1;
	if (db_bind_int(db, ST(S_PURGE), ":before", forget_before) == -1 ||
	    db_run(db, ST(S_PURGE)) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (db_failure_get(db, keys[i], &failures, &last) == -1)
			goto fail;
		if ((w = wait(failures, last, now)) > *retry)
			*retry = w;
	}
	for (i = 0; *retry == 0 && i < n; i++)
		if (db_bind_text(db, ST(S_TAKE), ":key", keys[i]) == -1 ||
		    db_bind_int(db, ST(S_TAKE), ":now", now) == -1 ||
		    db_run(db, ST(S_TAKE)) == -1)
			goto fail;
	if (db_commit(db) == 0)
		return *retry == 0;
fail:
	db_rollback(db);
	return -1;
}

int
db_failure_untake(struct db *db, const char *key)
{
	if (db_bind_text(db, ST(S_UNTAKE), ":key", key) == -1)
		return -1;
	return db_run(db, ST(S_UNTAKE)) == -1 ? -1 : 0;
}

int
db_failure_clear(struct db *db, const char *key)
{
	if (db_bind_text(db, ST(S_CLEAR), ":key", key) == -1)
		return -1;
	return db_run(db, ST(S_CLEAR)) == -1 ? -1 : 0;
}
