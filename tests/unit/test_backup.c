/*
 * test_backup: db_backup() (the copy, its checks, what it refuses) and the
 * backup db_migrate() takes before an upgrade, against scratch files in
 * /tmp. A database of an older schema is built from the migrations built
 * into the binary, as an older quire left it.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "dbfile.h"
#include "db.h"
#include "db_backup.h"
#include "db_migrate.h"
#include "embed.h"

struct fx {
	char		 path[64];	/* the database */
	char		 dest[96];	/* a backup's name */
	char		 bak[2][96];	/* the upgrade's backups */
	struct db	*db;
};

static struct fx	 F;

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err != NULL ? err : "?");
	sqlite3_close(h);
}

static long long
raw_int(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long long	 v;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int
exists(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0;
}

/* A backup as the tests want it: a database on its own (header bytes 18
 * and 19 say rollback journal, not WAL), mode 0600, integrity_check ok,
 * nothing beside it. */
static void
assert_standalone(const char *path)
{
	unsigned char	 h[20];
	char		 p[128];
	struct stat	 st;
	FILE		*f;

	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fread(h, 1, sizeof(h), f), sizeof(h));
	fclose(f);
	assert_int_equal(h[18], 1);
	assert_int_equal(h[19], 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(p, sizeof(p), "%s-wal", path);
	assert_false(exists(p));
	assert_int_equal(raw_int(path, "SELECT integrity_check = 'ok'"
	    " FROM pragma_integrity_check"), 1);
}

/* The database at schema version v, as an older quire left it: its
 * migrations, WAL mode, and one article. */
static void
old_database(const char *path, int v)
{
	const struct embed_file	*f;
	char			 name[32], sql[64];
	size_t			 k;
	int			 i;

	dbfile_remove(path);
	for (i = 1; i <= v; i++) {
		f = NULL;
		snprintf(name, sizeof(name), "migrations/%04d-", i);
		for (k = 0; k < embed_sql_n; k++)
			if (strncmp(embed_sql[k].name, name, strlen(name)) == 0)
				f = &embed_sql[k];
		assert_non_null(f);
		raw_exec(path, f->data);
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;", v);
	raw_exec(path, sql);
	raw_exec(path, "PRAGMA journal_mode = WAL;");
	raw_exec(path, "INSERT INTO articles (slug, title, status, created_at,"
	    " updated_at) VALUES ('kept', 'Kept', 'draft', 1, 1)");
}

static int
setup(void **state)
{
	int	 i;

	memset(&F, 0, sizeof(F));
	if ((F.db = dbfile_open(F.path, sizeof(F.path), "backup")) == NULL)
		return -1;
	snprintf(F.dest, sizeof(F.dest), "%s.copy", F.path);
	for (i = 0; i < 2; i++)
		snprintf(F.bak[i], sizeof(F.bak[i]), i == 0 ? "%s.pre-v%d.bak" :
		    "%s.pre-v%d.2.bak", F.path, db_migrate_version() - 1);
	*state = &F;
	return 0;
}

static int
teardown(void **state)
{
	db_close(F.db);
	dbfile_remove(F.path);
	dbfile_remove(F.dest);
	unlink(F.bak[0]);
	unlink(F.bak[1]);
	return 0;
}

/* While the site's connection is open, in WAL mode, with a write in its
 * log: the copy has it, and stands alone. */
static void
copies(void **state)
{
	assert_int_equal(db_migrate_demo(F.db), 0);
	assert_int_equal(db_backup(F.path, F.dest, 0), 0);
	assert_standalone(F.dest);
	assert_int_equal(raw_int(F.dest, "SELECT count(*) FROM articles"), 52);
	assert_int_equal(raw_int(F.dest, "PRAGMA user_version"),
	    db_migrate_version());
}

static void
refuses_existing(void **state)
{
	FILE	*f;

	assert_non_null(f = fopen(F.dest, "w"));
	fputs("mine", f);
	fclose(f);
	assert_int_equal(db_backup(F.path, F.dest, 0), -1);
	/* Untouched. */
	assert_int_equal(raw_int(F.path, "SELECT 1"), 1);
	assert_non_null(f = fopen(F.dest, "r"));
	assert_int_equal(fgetc(f), 'm');
	fclose(f);
	/* Replaced with the flag. */
	assert_int_equal(db_backup(F.path, F.dest, DB_BACKUP_FORCE), 0);
	assert_standalone(F.dest);
}

/* Never over the database or the files beside it, even with the flag. */
static void
refuses_itself(void **state)
{
	char	 p[96];

	assert_int_equal(db_backup(F.path, F.path, DB_BACKUP_FORCE), -1);
	snprintf(p, sizeof(p), "%s-wal", F.path);
	assert_true(exists(p));
	assert_int_equal(db_backup(F.path, p, DB_BACKUP_FORCE), -1);
	assert_true(exists(p));
	assert_int_equal(raw_int(F.path, "SELECT integrity_check = 'ok'"
	    " FROM pragma_integrity_check"), 1);
	assert_int_equal(raw_int(F.path, "PRAGMA user_version"),
	    db_migrate_version());
}

static void
refuses_missing(void **state)
{
	assert_int_equal(db_backup("/tmp/quire-test-no-such.db", F.dest, 0), -1);
	assert_false(exists(F.dest));
	assert_int_equal(db_backup(F.path, "/tmp/quire-test-no-such/x.db", 0),
	    -1);
	assert_int_equal(db_backup(F.path, "/tmp", DB_BACKUP_FORCE), -1);
}

/* An upgrade backs up first, at the old version; a second upgrade from the
 * same version keeps the first backup and writes DBFILE.pre-vN.2.bak. */
static void
upgrade_backs_up(void **state)
{
	int	 old = db_migrate_version() - 1;

	db_close(F.db);
	old_database(F.path, old);
	assert_non_null(F.db = db_open(F.path, 0));
	assert_false(exists(F.bak[0]));
	assert_int_equal(db_migrate(F.db), 0);
	assert_int_equal(raw_int(F.path, "PRAGMA user_version"),
	    db_migrate_version());
	assert_true(exists(F.bak[0]));
	assert_standalone(F.bak[0]);
	assert_int_equal(raw_int(F.bak[0], "PRAGMA user_version"), old);
	assert_int_equal(raw_int(F.bak[0], "SELECT count(*) FROM articles"
	    " WHERE slug = 'kept'"), 1);
	/* At the current version: no backup. */
	assert_int_equal(db_migrate(F.db), 0);
	assert_false(exists(F.bak[1]));

	db_close(F.db);
	old_database(F.path, old);
	raw_exec(F.path, "UPDATE articles SET title = 'Second'");
	assert_non_null(F.db = db_open(F.path, 0));
	assert_int_equal(db_migrate(F.db), 0);
	assert_int_equal(raw_int(F.bak[0], "SELECT count(*) FROM articles"
	    " WHERE title = 'Kept'"), 1);
	assert_true(exists(F.bak[1]));
	assert_int_equal(raw_int(F.bak[1], "SELECT count(*) FROM articles"
	    " WHERE title = 'Second'"), 1);
	assert_int_equal(raw_int(F.bak[1], "PRAGMA user_version"), old);
}

/* A backup that cannot be written (here: a file size limit, as a full
 * disk) stops the upgrade before it starts. */
static void
no_backup_no_upgrade(void **state)
{
	struct rlimit	 was, small;
	void		(*xfsz)(int);
	int		 old = db_migrate_version() - 1, rc;

	db_close(F.db);
	old_database(F.path, old);
	/* Larger than the limit, so the copy cannot be whole. */
	raw_exec(F.path, "INSERT INTO articles (slug, title, body, status,"
	    " created_at, updated_at) SELECT 'big', 'Big',"
	    " hex(randomblob(100000)), 'draft', 1, 1");
	assert_non_null(F.db = db_open(F.path, 0));
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	/* The soft limit only: anyone may raise it back. */
	small = was;
	small.rlim_cur = 64 * 1024;
	xfsz = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = db_migrate(F.db);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	signal(SIGXFSZ, xfsz);
	assert_int_equal(rc, -1);
	assert_int_equal(raw_int(F.path, "PRAGMA user_version"), old);
	assert_false(exists(F.bak[0]));
	/* With room, the same start upgrades. */
	assert_int_equal(db_migrate(F.db), 0);
	assert_true(exists(F.bak[0]));
	assert_int_equal(raw_int(F.path, "PRAGMA user_version"),
	    db_migrate_version());
}

/* A new database has nothing to keep. */
static void
fresh_no_backup(void **state)
{
	db_close(F.db);
	dbfile_remove(F.path);
	assert_non_null(F.db = db_open(F.path, 1));
	assert_int_equal(db_migrate(F.db), 0);
	assert_false(exists(F.bak[0]));
	snprintf(F.dest, sizeof(F.dest), "%s.pre-v0.bak", F.path);
	assert_false(exists(F.dest));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(copies, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_existing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(refuses_itself, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(upgrade_backs_up, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(no_backup_no_upgrade, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(fresh_no_backup, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
