/*
 * db: the connection and the helpers every db_* module uses (db_int.h).
 * The statements themselves live in the modules; this file only prepares
 * them, from the one table of modules below.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_int.h"
#include "db_snap.h"
#include "log.h"

static const struct db_sql *const modules[DBM__MAX] = {
	&db_post_sql,		/* DBM_POST */
	&db_user_sql,		/* DBM_USER */
	&db_session_sql,	/* DBM_SESSION */
	&db_failure_sql,	/* DBM_FAILURE */
	&db_setting_sql,	/* DBM_SETTING */
	&db_stamp_sql,		/* DBM_STAMP */
	&db_sitemap_sql,	/* DBM_SITEMAP */
	&db_tag_sql,		/* DBM_TAG */
	&db_search_sql,		/* DBM_SEARCH */
	&db_redirect_sql,	/* DBM_REDIRECT */
	&db_archive_sql,	/* DBM_ARCHIVE */
	&db_port_sql,		/* DBM_PORT */
	&db_snap_sql,		/* DBM_SNAP */
	&db_secret_sql,		/* DBM_SECRET */
};

/* What SQLite's last error on the connection means for the request. A
 * write that found no room is SQLITE_FULL when write(2) said ENOSPC or
 * wrote short, but SQLITE_IOERR_WRITE when it failed outright: a file
 * size limit (EFBIG), a quota (EDQUOT), or the disk itself (EIO). By the
 * time the error reaches here SQLite has often lost the errno (a commit
 * that failed says 0), so a failed write counts as full: what an author
 * can do about it is the same, wait, and the log has SQLite's words. */
static enum db_fault
classify(sqlite3 *h)
{
	int	 e = sqlite3_system_errno(h);

	if (sqlite3_extended_errcode(h) == SQLITE_IOERR_WRITE)
		return DBF_FULL;
	switch (sqlite3_extended_errcode(h) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DBF_BUSY;
	case SQLITE_FULL:
		return DBF_FULL;
	case SQLITE_READONLY:
		return DBF_READONLY;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		if (e == ENOSPC || e == EDQUOT || e == EFBIG)
			return DBF_FULL;
		if (e == EROFS || e == EACCES || e == EPERM)
			return DBF_READONLY;
		return DBF_OTHER;
	default:
		return DBF_OTHER;
	}
}

/* Keeps the first failure of the request: what follows it (a rollback
 * that finds nothing to undo) is a consequence, not the cause. */
static void
note_fault(struct db *db)
{
	if (db->fault == DBF_NONE)
		db->fault = classify(db->h);
}

enum db_fault
db_fault(const struct db *db)
{
	return db != NULL ? db->fault : DBF_NONE;
}

void
db_fault_clear(struct db *db)
{
	if (db != NULL)
		db->fault = DBF_NONE;
}

int
db_fault_passing(const struct db *db)
{
	enum db_fault	 f = db_fault(db);

	return f == DBF_BUSY || f == DBF_FULL || f == DBF_READONLY;
}

const char *
db_fault_text(enum db_fault f)
{
	switch (f) {
	case DBF_NONE:
		return "no fault";
	case DBF_BUSY:
		return "the database is busy with another change";
	case DBF_FULL:
		return "the server's disk is full or cannot be written";
	case DBF_READONLY:
		return "the database is read-only just now";
	default:
		return "the database failed";
	}
}

int
db_exec(struct db *db, const char *sql, const char *what)
{
	char	*err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		note_fault(db);
		log_err("%s: %s: %s", db->path, what,
		    err != NULL ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* A transaction begun inside another (an import saving each post through
 * db_post_save_tags()) is a savepoint of the outer one: its commit keeps
 * the work for the outer commit, its rollback undoes only its own part,
 * and the outer transaction decides for all. */
int
db_begin(struct db *db)
{
	/* A reader request's snapshot cannot become a write: it ends. */
	if (db->snap && db_snap_end(db) == -1)
		return -1;
	if (db_exec(db, db->depth > 0 ? "SAVEPOINT nested" :
	    "BEGIN IMMEDIATE", "begin") == -1)
		return -1;
	db->depth++;
	return 0;
}

int
db_commit(struct db *db)
{
	if (db->depth > 1) {
		if (db_exec(db, "RELEASE nested", "commit") == -1)
			return -1;
		db->depth--;
		return 0;
	}
	if (db_exec(db, "COMMIT", "commit") == -1)
		return -1;
	db->depth = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->depth > 1) {
		db->depth--;
		db_exec(db, "ROLLBACK TO nested; RELEASE nested", "rollback");
		return;
	}
	db->depth = 0;
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK", "rollback");
}

struct db *
db_open(const char *path, int how)
{
	struct db	*db;
	int		 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (how & DB_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->path = strdup(path)) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		log_err("%s: cannot open: %s", path,
		    db->h != NULL ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	/* SQLite falls back to reading a file it cannot write: say so now,
	 * not at the first save. A worker keeps reading (every write is then
	 * a DBF_READONLY fault, a 503), so readers are still served. */
	if (sqlite3_db_readonly(db->h, "main") == 1) {
		if (!(how & DB_READONLY_OK)) {
			log_err("%s: cannot write it as uid %d: the database "
			    "and its folder must be writable by the user quire "
			    "runs as", path, (int)getuid());
			goto fail;
		}
		log_warn("%s: cannot write it as uid %d: serving it "
		    "read-only; every change is refused (503) until it is "
		    "writable and quire is reloaded (SIGHUP)", path, (int)getuid());
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* A page cache of 1 MB a connection, not SQLite's 2: every page but
	 * a sitemap's year file (7.7 -> 13 ms at 100,000 articles) reads
	 * less than that, and a worker stays within 8 MB. */
	if (db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    " PRAGMA foreign_keys = ON; PRAGMA cache_size = -1024;",
	    "pragmas") == -1)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	size_t	 m, i;

	if (db == NULL)
		return;
	for (m = 0; m < DBM__MAX; m++) {
		for (i = 0; db->st[m] != NULL && i < modules[m]->n; i++)
			sqlite3_finalize(db->st[m][i]);
		free(db->st[m]);
	}
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int
db_prepare(struct db *db)
{
	size_t	 m, i;

	if (db_stamp_register(db) == -1 || db_search_register(db) == -1)
		return -1;
	for (m = 0; m < DBM__MAX; m++) {
		if (db->st[m] == NULL && (db->st[m] = calloc(modules[m]->n,
		    sizeof(*db->st[m]))) == NULL) {
			log_err("%s: out of memory", __func__);
			abort();
		}
		for (i = 0; i < modules[m]->n; i++) {
			if (db->st[m][i] != NULL)
				continue;
			if (sqlite3_prepare_v3(db->h, modules[m]->sql[i], -1,
			    SQLITE_PREPARE_PERSISTENT, &db->st[m][i],
			    NULL) != SQLITE_OK) {
				log_err("%s: %s statement %zu: %s", db->path,
				    modules[m]->name, i, sqlite3_errmsg(db->h));
				return -1;
			}
		}
	}
	return 0;
}

sqlite3_stmt *
db_stmt(struct db *db, enum db_mod m, int s)
{
	return db->st[m][s];
}

int
db_error(struct db *db, sqlite3_stmt *st)
{
	const char	*sql = st != NULL ? sqlite3_sql(st) : NULL;

	note_fault(db);
	log_err("%s: %s [%.60s]", db->path, sqlite3_errmsg(db->h),
	    sql != NULL ? sql : "");
	return -1;
}

static int
bind_error(struct db *db, const char *name)
{
	note_fault(db);
	log_err("%s: bind %s: %s", db->path, name, sqlite3_errmsg(db->h));
	return -1;
}

int
db_bind_int(struct db *db, sqlite3_stmt *st, const char *name, long long v)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_int64(st, idx, v) != SQLITE_OK)
		return bind_error(db, name);
	return 0;
}

int
db_bind_text(struct db *db, sqlite3_stmt *st, const char *name, const char *v)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_text(st, idx, v, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return bind_error(db, name);
	return 0;
}

int
db_bind_blob(struct db *db, sqlite3_stmt *st, const char *name,
    const void *v, int len)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_blob(st, idx, v, len, SQLITE_STATIC) !=
	    SQLITE_OK)
		return bind_error(db, name);
	return 0;
}

int
db_bind_null(struct db *db, sqlite3_stmt *st, const char *name)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_null(st, idx) != SQLITE_OK)
		return bind_error(db, name);
	return 0;
}

const char *
db_col_text(sqlite3_stmt *st, struct arena *a, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	if (s == NULL)
		return "";
	return arena_strndup(a, (const char *)s,
	    (size_t)sqlite3_column_bytes(st, i));
}

int
db_done(struct db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, st);
	return rc == SQLITE_ROW;
}

int
db_run(struct db *db, sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_error(db, st);
	return sqlite3_changes(db->h);
}
