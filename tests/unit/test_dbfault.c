/*
 * test_dbfault: db_fault() tells apart why a write failed, on a scratch
 * file: another connection holding the write lock (busy), no room
 * (full, through PRAGMA max_page_count, the SQLITE_FULL a full disk
 * gives), a connection that may not write (read-only), and anything else;
 * the first failure of a request is the one kept; nothing half-written.
 */
#include <sys/resource.h>

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "arena.h"
#include "dbfile.h"
#include "db.h"
#include "db_int.h"
#include "db_post.h"

#define NOW	1750000000LL

struct fx {
	char		 path[64];
	struct db	*db;
	sqlite3		*other;		/* a second connection, or NULL */
};

static struct fx	 F;

static int
setup(void **state)
{
	memset(&F, 0, sizeof(F));
	if ((F.db = dbfile_open(F.path, sizeof(F.path), "fault")) == NULL)
		return -1;
	/* Not DB_BUSY_MS: the busy case must not wait five seconds. */
	sqlite3_busy_timeout(F.db->h, 20);
	*state = &F;
	return 0;
}

static int
teardown(void **state)
{
	if (F.other != NULL)
		sqlite3_close(F.other);
	dbfile_close(F.db, F.path);
	return 0;
}

static void
article(struct post *p, const char *slug, const char *body)
{
	memset(p, 0, sizeof(*p));
	p->kind = POST_ARTICLE;
	p->slug = slug;
	p->title = "A title";
	p->excerpt = "";
	p->body = body;
	p->author = "";
	p->status = "draft";
}

static long long
articles(void)
{
	return dbfile_int(F.path, "SELECT count(*) FROM articles");
}

static void
none_at_first(void **state)
{
	assert_int_equal(db_fault(F.db), DBF_NONE);
	assert_int_equal(db_fault_passing(F.db), 0);
	assert_int_equal(db_fault(NULL), DBF_NONE);
}

static void
busy(void **state)
{
	struct post	 p;

	assert_int_equal(sqlite3_open(F.path, &F.other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(F.other, "BEGIN EXCLUSIVE; UPDATE "
	    "settings SET value = value", NULL, NULL, NULL), SQLITE_OK);
	article(&p, "locked-out", "Written while locked.");
	assert_int_equal(db_post_save(F.db, &p, NOW), -1);
	assert_int_equal(db_fault(F.db), DBF_BUSY);
	assert_int_equal(db_fault_passing(F.db), 1);
	assert_non_null(strstr(db_fault_text(DBF_BUSY), "busy"));
	/* Let go: the same save goes through once the fault is cleared. */
	assert_int_equal(sqlite3_exec(F.other, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	db_fault_clear(F.db);
	assert_int_equal(db_fault(F.db), DBF_NONE);
	assert_int_equal(db_post_save(F.db, &p, NOW), DB_SAVED);
	assert_int_equal(db_fault(F.db), DBF_NONE);
	assert_int_equal(articles(), 1);
}

static void
full(void **state)
{
	struct post	 p;
	char		*body, sql[64];
	size_t		 n = 200000;

	/* No page more than the file has now. */
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %lld",
	    dbfile_int(F.path, "PRAGMA page_count"));
	assert_int_equal(db_exec(F.db, sql, "limit"), 0);
	body = malloc(n + 1);
	assert_non_null(body);
	memset(body, 'x', n);
	body[n] = '\0';
	article(&p, "too-big", body);
	assert_int_equal(db_post_save(F.db, &p, NOW), -1);
	free(body);
	assert_int_equal(db_fault(F.db), DBF_FULL);
	assert_int_equal(db_fault_passing(F.db), 1);
	assert_non_null(strstr(db_fault_text(DBF_FULL), "full"));
	assert_int_equal(articles(), 0);
	assert_int_equal(dbfile_int(F.path, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}

/* A file size limit (ulimit -f, LimitFSIZE=) at the WAL's size, SIGXFSZ
 * ignored as quire serve does: the write fails with EFBIG, which SQLite
 * reports as an I/O error without the errno; full all the same. */
static void
full_fsize(void **state)
{
	struct post	 p;
	struct rlimit	 was, rl;
	char		*body, wal[96];
	size_t		 n = 200000;
	void		(*old)(int);
	FILE		*f;
	long		 size;

	snprintf(wal, sizeof(wal), "%s-wal", F.path);
	assert_non_null(f = fopen(wal, "r"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	fclose(f);
	body = malloc(n + 1);
	assert_non_null(body);
	memset(body, 'y', n);
	body[n] = '\0';
	article(&p, "over-the-limit", body);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	rl = was;
	rl.rlim_cur = (rlim_t)size;
	old = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	assert_int_equal(db_post_save(F.db, &p, NOW), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	signal(SIGXFSZ, old);
	assert_int_equal(db_fault(F.db), DBF_FULL);
	assert_int_equal(db_fault_passing(F.db), 1);
	assert_int_equal(articles(), 0);
	/* The limit lifted, the same save goes through. */
	db_fault_clear(F.db);
	assert_int_equal(db_post_save(F.db, &p, NOW), DB_SAVED);
	free(body);
	assert_int_equal(articles(), 1);
}

static void
readonly(void **state)
{
	struct post	 p;

	assert_int_equal(db_exec(F.db, "PRAGMA query_only = 1", "ro"), 0);
	article(&p, "read-only", "Not written.");
	assert_int_equal(db_post_save(F.db, &p, NOW), -1);
	assert_int_equal(db_fault(F.db), DBF_READONLY);
	assert_int_equal(db_fault_passing(F.db), 1);
	assert_int_equal(articles(), 0);
}

/* Anything else is a fault, not worth a 503; and the first failure is
 * the one kept (a rollback failing after it is a consequence). */
static void
other_and_first(void **state)
{
	assert_int_equal(db_exec(F.db, "SELECT * FROM no_such_table", "x"),
	    -1);
	assert_int_equal(db_fault(F.db), DBF_OTHER);
	assert_int_equal(db_fault_passing(F.db), 0);
	assert_int_equal(db_exec(F.db, "PRAGMA query_only = 1", "ro"), 0);
	assert_int_equal(db_exec(F.db, "DELETE FROM settings", "y"), -1);
	assert_int_equal(db_fault(F.db), DBF_OTHER);
	db_fault_clear(F.db);
	assert_int_equal(db_exec(F.db, "DELETE FROM settings", "y"), -1);
	assert_int_equal(db_fault(F.db), DBF_READONLY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(none_at_first, setup, teardown),
		cmocka_unit_test_setup_teardown(busy, setup, teardown),
		cmocka_unit_test_setup_teardown(full, setup, teardown),
		cmocka_unit_test_setup_teardown(full_fsize, setup, teardown),
		cmocka_unit_test_setup_teardown(readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(other_and_first, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
