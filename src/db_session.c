/*
 * db_session: the sessions table.
 */
#include "auth.h"
#include "db_int.h"
#include "db_session.h"

enum {
	S_ADD,
	S_USER,
	S_DEL,
	S_DEL_USER,
	S_PURGE,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ADD */
	"INSERT INTO sessions (digest, user_id, created_at, expires_at)"
	" VALUES (:digest, :uid, :now, :expires)",
	/* S_USER: the columns db_user_row() reads. */
	"SELECT u.id, u.login, u.name, u.pwhash, u.created_at"
	" FROM sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.digest = :digest AND s.expires_at > :now",
	/* S_DEL */
	"DELETE FROM sessions WHERE digest = :digest",
	/* S_DEL_USER */
	"DELETE FROM sessions WHERE user_id = :uid",
	/* S_PURGE */
	"DELETE FROM sessions WHERE expires_at <= :now",
};

const struct db_sql db_session_sql = { "db_session", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SESSION, (s))

int
db_session_add(struct db *db, const unsigned char *digest, long long user_id,
    long long now, long long expires)
{
	sqlite3_stmt	*st = ST(S_ADD);

	if (db_bind_int(db, ST(S_PURGE), ":now", now) == -1 ||
	    db_run(db, ST(S_PURGE)) == -1)
		return -1;
	if (db_bind_blob(db, st, ":digest", digest, AUTH_DIGEST) == -1 ||
	    db_bind_int(db, st, ":uid", user_id) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":expires", expires) == -1)
		return -1;
	return db_run(db, st) == -1 ? -1 : 0;
}

int
db_session_user(struct db *db, struct arena *a, const unsigned char *digest,
    long long now, struct user *out)
{
	sqlite3_stmt	*st = ST(S_USER);

	if (db_bind_blob(db, st, ":digest", digest, AUTH_DIGEST) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	return db_user_row(db, st, a, out);
}

int
db_session_del(struct db *db, const unsigned char *digest)
{
	sqlite3_stmt	*st = ST(S_DEL);

	if (db_bind_blob(db, st, ":digest", digest, AUTH_DIGEST) == -1)
		return -1;
	return db_run(db, st) == -1 ? -1 : 0;
}

int
db_session_del_user(struct db *db, long long user_id)
{
	sqlite3_stmt	*st = ST(S_DEL_USER);

	if (db_bind_int(db, st, ":uid", user_id) == -1)
		return -1;
	return db_run(db, st) == -1 ? -1 : 0;
}
