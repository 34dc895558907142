/*
 * dbfile: a scratch database file in /tmp for the database tests, opened
 * and migrated, its removal with what SQLite writes beside it, and SQL run
 * on it behind the module's back (dbfile_exec(), dbfile_int()).
 * Include once, after cmocka.h.
 */
#ifndef QUIRE_TEST_DBFILE_H
#define QUIRE_TEST_DBFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "db_migrate.h"

/* Fills path (at least 64 bytes) with a new, empty file's name. */
static inline void
dbfile_make(char *path, size_t size, const char *name)
{
	int	 fd;

	snprintf(path, size, "/tmp/quire-test-%s-XXXXXX", name);
	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp failed");
	close(fd);
}

static inline void
dbfile_remove(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char		 p[96];
	size_t		 i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		unlink(p);
	}
}

/* A new file of that name, migrated and prepared: the database the
 * tests of one module start from; NULL (logged by db_*) on failure. */
static inline struct db *
dbfile_open(char *path, size_t size, const char *name)
{
	struct db	*db;

	dbfile_make(path, size, name);
	if ((db = db_open(path, 1)) == NULL)
		return NULL;
	if (db_migrate(db) != 0 || db_prepare(db) != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

/* Closes db and removes its file. */
static inline void
dbfile_close(struct db *db, const char *path)
{
	db_close(db);
	dbfile_remove(path);
}

/* Runs SQL on the file through a connection of its own (what sqlite3 or
 * the bench would do behind quire's back). */
static inline void
dbfile_exec(const char *path, const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err != NULL ? err : "?");
	sqlite3_close(h);
}

/* The integer the query's first row holds, the same way. */
static inline long long
dbfile_int(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long long	 v;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

#endif
