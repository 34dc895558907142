/*
 * db_snap: a reader request's one read transaction (db_snap.h).
 */
#include "db_int.h"
#include "db_snap.h"

enum {
	S_BEGIN,
	S_END,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_BEGIN */
	"BEGIN DEFERRED",
	/* S_END: a read transaction has nothing to commit but its end. */
	"COMMIT",
};

const struct db_sql db_snap_sql = { "db_snap", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SNAP, (s))

int
db_snap_begin(struct db *db)
{
	if (db->snap || db->depth > 0)
		return 0;
	if (db_run(db, ST(S_BEGIN)) == -1)
		return -1;
	db->snap = 1;
	return 0;
}

int
db_snap_end(struct db *db)
{
	if (!db->snap)
		return 0;
	db->snap = 0;
	return db_run(db, ST(S_END)) == -1 ? -1 : 0;
}
