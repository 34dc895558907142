/*
 * db_failure: the login_failures table.
 */
#include "db_failure.h"
#include "db_int.h"

enum {
	S_COUNT,
	S_ADD,
	S_CLEAR,
	S_PURGE,
	S_DEL,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_COUNT (in parentheses: one string, not two elements) */
	("SELECT count(*), ifnull(min(at), 0) FROM login_failures"
	" WHERE key = :key AND at > :since"),
	/* S_ADD */
	"INSERT INTO login_failures (key, at) VALUES (:key, :now)",
	/* S_CLEAR */
	"DELETE FROM login_failures WHERE key = :key",
	/* S_PURGE */
	"DELETE FROM login_failures WHERE at <= :before",
	/* S_DEL */
	"DELETE FROM login_failures WHERE id = :id",
};

const struct db_sql db_failure_sql = { "db_failure", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_FAILURE, (s))

int
db_failure_count(struct db *db, const char *key, long long since, int *count,
    long long *oldest)
{
	sqlite3_stmt	*st = ST(S_COUNT);
	int		 rc;

	*count = 0;
	*oldest = 0;
	if (db_bind_text(db, st, ":key", key) == -1 ||
	    db_bind_int(db, st, ":since", since) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*oldest = sqlite3_column_int64(st, 1);
	}
	return db_done(db, st, rc) == 1 ? 0 : -1;
}

int
db_failure_try(struct db *db, const char *const *keys, size_t n,
    long long now, long long since, int max, long long *ids,
    long long *retry_at)
{
	size_t		 i;
	long long	 oldest;
	int		 count, allowed = 1;

	*retry_at = 0;
	/* The count and the new rows in one write transaction: a second
	 * worker's attempt waits here and then counts this one. */
	if (db_begin(db) == -1)
		return -1;
	if (db_bind_int(db, ST(S_PURGE), ":before", since) == -1 ||
	    db_run(db, ST(S_PURGE)) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (db_failure_count(db, keys[i], since, &count,
		    &oldest) == -1)
			goto fail;
		if (count >= max) {
			allowed = 0;
			if (oldest + (now - since) > *retry_at)
				*retry_at = oldest + (now - since);
		}
	}
	for (i = 0; allowed && i < n; i++) {
		if (db_bind_text(db, ST(S_ADD), ":key", keys[i]) == -1 ||
		    db_bind_int(db, ST(S_ADD), ":now", now) == -1 ||
		    db_run(db, ST(S_ADD)) == -1)
			goto fail;
		ids[i] = sqlite3_last_insert_rowid(db->h);
	}
	if (db_commit(db) == 0)
		return allowed;
fail:
	db_rollback(db);
	return -1;
}

int
db_failure_undo(struct db *db, const long long *ids, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (db_bind_int(db, ST(S_DEL), ":id", ids[i]) == -1 ||
		    db_run(db, ST(S_DEL)) == -1)
			return -1;
	return 0;
}

int
db_failure_clear(struct db *db, const char *key)
{
	if (db_bind_text(db, ST(S_CLEAR), ":key", key) == -1)
		return -1;
	return db_run(db, ST(S_CLEAR)) == -1 ? -1 : 0;
}
