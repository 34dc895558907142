/*
 * db_secret: the secrets table (db_secret.h).
 */
#include <string.h>

#include "db_int.h"
#include "db_secret.h"
#include "log.h"

enum {
	S_ADD,
	S_GET,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ADD: the first process's stays. */
	"INSERT OR IGNORE INTO secrets (name, value) VALUES (:name, :value)",
	/* S_GET */
	"SELECT value FROM secrets WHERE name = :name",
};

const struct db_sql db_secret_sql = { "db_secret", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SECRET, (s))

/* The secret called name into out when it is there and len bytes long:
 * 1, else 0; -1 (logged). */
static int
get(struct db *db, const char *name, unsigned char *out, size_t len)
{
	sqlite3_stmt	*st = ST(S_GET);
	int		 rc, found = 0;

	if (db_bind_text(db, st, ":name", name) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (size_t)sqlite3_column_bytes(st, 0) == len) {
		memcpy(out, sqlite3_column_blob(st, 0), len);
		found = 1;
	}
	return db_done(db, st, rc) == -1 ? -1 : found;
}

int
db_secret(struct db *db, const char *name, unsigned char *out, size_t len,
    const unsigned char *fresh)
{
	int	 rc;

	/* Read first: written once, on the first use, not on each. */
	if ((rc = get(db, name, out, len)) != 0)
		return rc == 1 ? 0 : -1;
	if (db_bind_text(db, ST(S_ADD), ":name", name) == -1 ||
	    db_bind_blob(db, ST(S_ADD), ":value", fresh, (int)len) == -1 ||
	    db_run(db, ST(S_ADD)) == -1)
		return -1;
	/* Another worker's, if it made one first. */
	if ((rc = get(db, name, out, len)) == 0)
		log_err("%s: secret %s missing or not %zu bytes", __func__,
		    name, len);
	return rc == 1 ? 0 : -1;
}
