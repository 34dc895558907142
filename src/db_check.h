/*
 * db_check: the database as quire check looks at it: opened read-only,
 * never migrated or written, its integrity, schema version and stored
 * settings read as they are. Problems come back as text for the caller to
 * print (quire check says each on its own line); nothing is logged.
 * Strings and arrays live in the caller's arena.
 */
#ifndef QUIRE_DB_CHECK_H
#define QUIRE_DB_CHECK_H

#include <stddef.h>

#include "arena.h"
#include "db.h"

/* A row of the settings table, as stored. */
struct db_check_kv {
	const char	*key;
	const char	*value;
};

/* Opens path read-only (it must exist). NULL and *why if it cannot be
 * opened. db_close() it. */
struct db	*db_check_open(const char *path, struct arena *,
		    const char **why);
/* PRAGMA integrity_check: the lines it gives other than "ok" (at most
 * 20) in *lines, *n of them. 0, or -1 and *why (it could not run: a file
 * that is not a database, say). */
int		 db_check_integrity(struct db *, struct arena *,
		    const char ***lines, size_t *n, const char **why);
/* The schema version (PRAGMA user_version): 0 or -1 and *why. */
int		 db_check_version(struct db *, struct arena *, int *version,
		    const char **why);
/* Every row of the settings table, by key. 0 or -1 and *why. */
int		 db_check_settings(struct db *, struct arena *,
		    struct db_check_kv **rows, size_t *n, const char **why);

#endif
