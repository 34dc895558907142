/*
 * db_migrate: PRAGMA user_version is the schema version; migration NNNN
 * takes it from NNNN-1 to NNNN. Released migrations are never edited. An
 * existing site is backed up beside its database before an upgrade.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "db_backup.h"
#include "db_int.h"
#include "db_migrate.h"
#include "embed.h"
#include "log.h"

/* "migrations/0007-x.sql" -> 7; 0 if the name is not a migration. */
static int
migration_number(const char *name)
{
	const char	*p = "migrations/";
	int		 n = 0, i;

	if (strncmp(name, p, strlen(p)) != 0)
		return 0;
	name += strlen(p);
	for (i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		n = n * 10 + (name[i] - '0');
	}
	return name[4] == '-' ? n : 0;
}

int
db_migrate_version(void)
{
	size_t	 i;
	int	 v = 0, n;

	for (i = 0; i < embed_sql_n; i++)
		if ((n = migration_number(embed_sql[i].name)) > v)
			v = n;
	return v;
}

/* One integer from one statement of SQL text. */
static int
query_int(struct db *db, const char *sql, int *v)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, NULL);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	else
		db_error(db, st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static const struct embed_file *
migration(int n)
{
	size_t	 i;

	for (i = 0; i < embed_sql_n; i++)
		if (migration_number(embed_sql[i].name) == n)
			return &embed_sql[i];
	return NULL;
}

/* The name of the backup taken before upgrading from version v: beside
 * the database, DBFILE.pre-vN.bak, or DBFILE.pre-vN.2.bak and so on when
 * an older upgrade left that one: a backup is never replaced. */
static int
backup_name(const char *path, int v, char *out, size_t size)
{
	struct stat	 st;
	int		 i, n;

	for (i = 1; i < 1000; i++) {
		if (i == 1)
			n = snprintf(out, size, "%s.pre-v%d.bak", path, v);
		else
			n = snprintf(out, size, "%s.pre-v%d.%d.bak", path, v, i);
		if (n < 0 || (size_t)n >= size) {
			log_err("%s: name too long for its backup", path);
			return -1;
		}
		if (lstat(out, &st) == -1 && errno == ENOENT)
			return 0;
	}
	log_err("%s: 999 backups of version %d beside it: remove some", path,
	    v);
	return -1;
}

int
db_migrate(struct db *db)
{
	const struct embed_file	*f;
	char			 bump[64], bak[PATH_MAX];
	int			 have, from, want = db_migrate_version();

	/* The usual case, without taking the write lock: versions only go
	 * up, so a current one read here stays current. */
	if (query_int(db, "PRAGMA user_version", &have) == -1)
		return -1;
	if (have < want) {
		/* One write transaction for the whole upgrade: processes
		 * starting together (workers, the first CGI requests) wait
		 * for it, so the backup below and each migration run once,
		 * and the upgrade happens whole or not at all. */
		if (db_begin(db) == -1)
			return -1;
		/* Inside the lock: another process may have migrated. */
		if (query_int(db, "PRAGMA user_version", &have) == -1)
			goto fail;
		from = have;
		/* A site's data, not a new file: copied first, from the
		 * last commit, which the lock keeps as it is. */
		if (have > 0 && have < want) {
			if (backup_name(db->path, have, bak, sizeof(bak)) == -1 ||
			    db_backup(db->path, bak, 0) == -1) {
				log_err("%s: not migrated from schema version %d "
				    "to %d: no backup could be taken (above)",
				    db->path, have, want);
				goto fail;
			}
			log_info("%s: backed up to %s before migrating from "
			    "schema version %d", db->path, bak, have);
		}
		for (; have < want; have++) {
			if ((f = migration(have + 1)) == NULL) {
				log_err("%s: migration %04d is missing",
				    __func__, have + 1);
				goto fail;
			}
			snprintf(bump, sizeof(bump),
			    "PRAGMA user_version = %d;", have + 1);
			if (db_exec(db, f->data, f->name) == -1 ||
			    db_exec(db, bump, "user_version") == -1)
				goto fail;
		}
		if (db_commit(db) == -1)
			goto fail;
		for (; from < have; from++)
			log_info("%s: migrated to schema version %d (%s)",
			    db->path, from + 1, migration(from + 1)->name);
	}
	if (have > want) {
		log_err("%s: schema version %d is newer than this quire knows "
		    "(%d): upgrade quire", db->path, have, want);
		return -1;
	}
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int
db_migrate_demo(struct db *db)
{
	const struct embed_file	*f;
	int			 rows;

	if ((f = embed_find(embed_sql, embed_sql_n, "demo.sql")) == NULL) {
		log_err("%s: no demo.sql built in", __func__);
		return -1;
	}
	if (db_begin(db) == -1)
		return -1;
	if (query_int(db, "SELECT (SELECT count(*) FROM articles)"
	    " + (SELECT count(*) FROM pages) + (SELECT count(*) FROM settings)",
	    &rows) == -1)
		goto fail;
	if (rows != 0) {
		log_err("%s: not empty: the demo goes only into a new database",
		    db->path);
		goto fail;
	}
	if (db_exec(db, f->data, "demo.sql") == -1 || db_commit(db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
