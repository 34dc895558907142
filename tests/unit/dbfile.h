/*
 * dbfile: a scratch database file in /tmp for the database tests, opened
 * and migrated, and its removal with what SQLite writes beside it.
 * Include once, after cmocka.h.
 */
#ifndef QUIRE_TEST_DBFILE_H
#define QUIRE_TEST_DBFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

#endif
