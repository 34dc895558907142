/*
 * db_user: the users table.
 */
#include "db_int.h"
#include "db_session.h"
#include "db_user.h"

enum {
	S_BY_LOGIN,
	S_ADD,
	S_PASSWD,
	S_DEL,
	S_LIST,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_BY_LOGIN */
	"SELECT id, login, name, pwhash, created_at FROM users"
	" WHERE login = :login",
	/* S_ADD */
	"INSERT INTO users (login, name, pwhash, created_at, updated_at)"
	" VALUES (:login, :name, :hash, :now, :now)",
	/* S_PASSWD */
	"UPDATE users SET pwhash = :hash, updated_at = :now WHERE login = :login",
	/* S_DEL: sessions go with the user (ON DELETE CASCADE). */
	"DELETE FROM users WHERE login = :login",
	/* S_LIST */
	"SELECT id, login, name, '', created_at FROM users ORDER BY login",
};

const struct db_sql db_user_sql = { "db_user", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_USER, (s))

static void
read_user(sqlite3_stmt *st, struct arena *a, struct user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = db_col_text(st, a, 1);
	u->name = db_col_text(st, a, 2);
	u->pwhash = db_col_text(st, a, 3);
	u->created_at = sqlite3_column_int64(st, 4);
}

int
db_user_row(struct db *db, sqlite3_stmt *st, struct arena *a,
    struct user *u)
{
	int	 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_user(st, a, u);
	return db_done(db, st, rc);
}

int
db_user_by_login(struct db *db, struct arena *a, const char *login,
    struct user *out)
{
	sqlite3_stmt	*st = ST(S_BY_LOGIN);

	if (db_bind_text(db, st, ":login", login) == -1)
		return -1;
	return db_user_row(db, st, a, out);
}

int
db_user_add(struct db *db, const char *login, const char *name,
    const char *pwhash, long long now, int *dup)
{
	sqlite3_stmt	*st = ST(S_ADD);
	int		 rc;

	*dup = 0;
	if (db_bind_text(db, st, ":login", login) == -1 ||
	    db_bind_text(db, st, ":name", name) == -1 ||
	    db_bind_text(db, st, ":hash", pwhash) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
		*dup = 1;
		return -1;
	}
	return db_error(db, st);
}

int
db_user_passwd(struct db *db, const char *login, const char *pwhash,
    long long now)
{
	struct arena	 a;
	struct user	 u;
	sqlite3_stmt	*st = ST(S_PASSWD);
	int		 rc;

	arena_init(&a);
	if (db_begin(db) == -1) {
		arena_free(&a);
		return -1;
	}
	if ((rc = db_user_by_login(db, &a, login, &u)) != 1)
		goto out;
	rc = -1;
	if (db_bind_text(db, st, ":hash", pwhash) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_text(db, st, ":login", login) == -1 ||
	    db_run(db, st) == -1 ||
	    db_session_del_user(db, u.id) == -1)
		goto out;
	rc = 1;
out:
	arena_free(&a);
	if (rc == -1 || db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return rc;
}

int
db_user_del(struct db *db, const char *login)
{
	sqlite3_stmt	*st = ST(S_DEL);

	if (db_bind_text(db, st, ":login", login) == -1)
		return -1;
	return db_run(db, st);
}

int
db_user_list(struct db *db, struct arena *a, struct user **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_LIST);
	struct user	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		read_user(st, a, &v[(*n)++]);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}
