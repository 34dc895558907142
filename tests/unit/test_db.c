/*
 * test_db: the database module against a fresh file in /tmp holding the
 * demo site (sql/demo.sql: 50 published articles, one draft, one
 * scheduled for 2031, pages "about" and "contribute"). Visibility, keyset
 * paging, ranges, neighbours, migrations.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "arena.h"
#include "db.h"
#include "req.h"

#define T_2021_01_11	1610355600LL	/* first article, 09:00 UTC */
#define T_2022_03_01	1646092800LL
#define T_2022_04_01	1648771200LL
#define T_2031_01_01	1924992000LL
#define T_2032_01_01	1956528000LL
#define DEMO_VISIBLE	50

struct fx {
	char		 path[64];
	struct db	*db;
	struct arena	 a;
	long long	 now;
};

static void
make_path(struct fx *f)
{
	int	 fd;

	snprintf(f->path, sizeof(f->path), "/tmp/quire-test-db-XXXXXX");
	if ((fd = mkstemp(f->path)) == -1)
		fail_msg("mkstemp failed");
	close(fd);
}

static void
remove_db(const char *path)
{
	char	 p[80];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-journal", path);
	unlink(p);
}

/* Runs one SQL statement on the file through a separate connection. */
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

/* The integer the query's first row holds. */
static long long
raw_int(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long long	 v;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static struct fx	 F;

/* A fresh file; the database is opened by the test. */
static int
setup_path(void **state)
{
	memset(&F, 0, sizeof(F));
	make_path(&F);
	arena_init(&F.a);
	F.now = (long long)time(NULL);
	*state = &F;
	return 0;
}

/* Runs even when the test failed, so no file is left in /tmp; a failed
 * setup calls it too. */
static int
teardown(void **state)
{
	db_close(F.db);
	F.db = NULL;
	arena_free(&F.a);
	if (F.path[0] != '\0')
		remove_db(F.path);
	F.path[0] = '\0';
	return 0;
}

/* Opened, nothing else. */
static int
setup_open(void **state)
{
	setup_path(state);
	if ((F.db = db_open(F.path, 1)) == NULL) {
		teardown(state);
		return -1;
	}
	return 0;
}

/* Migrated and prepared, but empty. */
static int
setup_migrated(void **state)
{
	if (setup_open(state) == -1)
		return -1;
	if (db_migrate(F.db) != 0 || db_prepare(F.db) != 0) {
		teardown(state);
		return -1;
	}
	return 0;
}

/* The demo site. */
static int
setup_demo(void **state)
{
	if (setup_open(state) == -1)
		return -1;
	if (db_migrate(F.db) != 0 || db_load_demo(F.db) != 0 ||
	    db_prepare(F.db) != 0) {
		teardown(state);
		return -1;
	}
	return 0;
}

#define FX	((struct fx *)*state)

static void
settings_demo(void **state)
{
	struct settings	 s;
	int		 i;

	assert_int_equal(db_settings(FX->db, &FX->a, &s), 0);
	for (i = 0; i < SET__MAX; i++)
		assert_non_null(s.v[i]);
	assert_string_equal(s.v[SET_TITLE], "Notes from the Margin");
	assert_string_equal(s.v[SET_AUTHOR], "Miriam Holloway");
	assert_string_equal(s.v[SET_PER_PAGE], "10");
	assert_string_equal(s.v[SET_BASE_URL], "");
	assert_true(strncmp(s.v[SET_SUBTITLE], "Unhurried commentary", 20) == 0);
	assert_non_null(strstr(s.v[SET_DISCLAIMER], "not professional advice"));
	assert_non_null(strstr(s.v[SET_CONTRIBUTE], "how to contribute"));
	/* The statement is reusable. */
	assert_int_equal(db_settings(FX->db, &FX->a, &s), 0);
	assert_string_equal(s.v[SET_TITLE], "Notes from the Margin");
}

/* A migrated database with no settings rows gives every default; an
 * unknown key is ignored and a known one overrides its default. */
static void
settings_defaults(void **state)
{
	struct settings	 s;
	int		 i;

	assert_int_equal(db_settings(FX->db, &FX->a, &s), 0);
	for (i = 0; i < SET__MAX; i++)
		assert_non_null(s.v[i]);
	assert_string_equal(s.v[SET_TITLE], "Quire");
	assert_string_equal(s.v[SET_SUBTITLE], "");
	assert_string_equal(s.v[SET_AUTHOR], "");
	assert_string_equal(s.v[SET_PER_PAGE], "10");
	raw_exec(FX->path, "INSERT INTO settings VALUES ('no_such_key', 'x'),"
	    " ('subtitle', 'Sub <b>')");
	assert_int_equal(db_settings(FX->db, &FX->a, &s), 0);
	assert_string_equal(s.v[SET_TITLE], "Quire");
	assert_string_equal(s.v[SET_SUBTITLE], "Sub <b>");
}

static void
article_by_slug(void **state)
{
	struct article	 ar;

	memset(&ar, 0, sizeof(ar));
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "why-start-a-blog-now", FX->now, &ar), 1);
	assert_int_equal(ar.id, 1);
	assert_string_equal(ar.slug, "why-start-a-blog-now");
	assert_string_equal(ar.title, "Why Start a Blog Now?");
	assert_string_equal(ar.author, "");
	assert_string_equal(ar.excerpt, "A first post, and a case for writing "
	    "things down somewhere that isn't a feed.");
	assert_true(strncmp(ar.body, "Everyone I know spent last year online.",
	    39) == 0);
	assert_int_equal(strlen(ar.body), 1267);
	assert_int_equal(ar.published_at, T_2021_01_11);
	assert_int_equal(ar.updated_at, T_2021_01_11);

	assert_int_equal(db_article_by_slug(FX->db, &FX->a, "no-such-article",
	    FX->now, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a, "' OR 1=1 --",
	    FX->now, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a, "",
	    FX->now, &ar), 0);
	/* Slugs match exactly. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "WHY-START-A-BLOG-NOW", FX->now, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "why-start-a-blog", FX->now, &ar), 0);
}

static void
article_visibility(void **state)
{
	struct article	 ar;

	/* A draft is never visible, whatever the time. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "draft-unfinished-thoughts", FX->now, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "draft-unfinished-thoughts", T_2032_01_01, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "draft-unfinished-thoughts", LLONG_MAX, &ar), 0);
	/* Scheduled for 2031: hidden now, visible in 2032. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "scheduled-for-the-future", FX->now, &ar), 0);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "scheduled-for-the-future", T_2032_01_01, &ar), 1);
	assert_string_equal(ar.title, "A Letter to Readers in 2031");
	/* Visible from the second of publication on, not a second before. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "scheduled-for-the-future", ar.published_at, &ar), 1);
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "scheduled-for-the-future", ar.published_at - 1, &ar), 0);
	/* Before the first article was published, nothing is. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "why-start-a-blog-now", T_2021_01_11 - 1, &ar), 0);
}

/* Walks every visible article, limit at a time, with the keyset cursor;
 * returns how many, after checking order and uniqueness. */
static size_t
walk(struct db *db, struct arena *a, long long now, int limit,
    long long *ids, size_t max)
{
	struct article	*ar;
	long long	 bt = LLONG_MAX, bid = LLONG_MAX;
	long long	 prev_t = LLONG_MAX, prev_id = LLONG_MAX;
	size_t		 n, i, j, total = 0;
	int		 pages = 0;

	for (;;) {
		assert_int_equal(db_articles_page(db, a, now, bt, bid, limit,
		    200, &ar, &n), 0);
		assert_true(n <= (size_t)limit);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			/* Strictly descending by (published_at, id). */
			if (!(ar[i].published_at < prev_t ||
			    (ar[i].published_at == prev_t &&
			    ar[i].id < prev_id)))
				fail_msg("page %d row %zu (%lld, %lld) not "
				    "after (%lld, %lld)", pages, i,
				    ar[i].published_at, ar[i].id, prev_t,
				    prev_id);
			prev_t = ar[i].published_at;
			prev_id = ar[i].id;
			assert_true(ar[i].published_at <= now);
			for (j = 0; j < total; j++)
				if (ids[j] == ar[i].id)
					fail_msg("id %lld twice", ar[i].id);
			assert_true(total < max);
			ids[total++] = ar[i].id;
		}
		bt = ar[n - 1].published_at;
		bid = ar[n - 1].id;
		pages++;
		assert_true(pages < 1000);
	}
	return total;
}

static void
articles_page_walk(void **state)
{
	long long	 ids[64];
	size_t		 i;

	assert_int_equal(walk(FX->db, &FX->a, FX->now, 10, ids, 64),
	    DEMO_VISIBLE);
	for (i = 0; i < DEMO_VISIBLE; i++) {
		assert_true(ids[i] != 51);	/* the draft */
		assert_true(ids[i] != 52);	/* the scheduled one */
	}
	assert_int_equal(ids[0], 50);
	assert_int_equal(ids[DEMO_VISIBLE - 1], 1);
	/* Odd page sizes reach the same total. */
	assert_int_equal(walk(FX->db, &FX->a, FX->now, 7, ids, 64),
	    DEMO_VISIBLE);
	assert_int_equal(walk(FX->db, &FX->a, FX->now, 1, ids, 64),
	    DEMO_VISIBLE);
	assert_int_equal(walk(FX->db, &FX->a, FX->now, 100, ids, 64),
	    DEMO_VISIBLE);
	/* In 2032 the scheduled article leads. */
	assert_int_equal(walk(FX->db, &FX->a, T_2032_01_01, 10, ids, 64),
	    DEMO_VISIBLE + 1);
	assert_int_equal(ids[0], 52);
}

static void
articles_page_fields(void **state)
{
	struct article	*ar, full;
	size_t		 n, i;

	assert_int_equal(db_articles_page(FX->db, &FX->a, FX->now, LLONG_MAX,
	    LLONG_MAX, 10, 40, &ar, &n), 0);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++) {
		assert_true(*ar[i].slug != '\0');
		assert_true(*ar[i].title != '\0');
		assert_true(ar[i].published_at > 0);
		assert_int_equal(db_article_by_slug(FX->db, &FX->a, ar[i].slug,
		    FX->now, &full), 1);
		assert_int_equal(full.id, ar[i].id);
		assert_string_equal(full.title, ar[i].title);
		assert_string_equal(full.excerpt, ar[i].excerpt);
		/* The body is a valid-UTF-8 prefix of the whole. */
		assert_true(strlen(ar[i].body) > 0);
		assert_true(strlen(ar[i].body) <= strlen(full.body));
		assert_true(strlen(ar[i].body) < 40 * 4 + 1);
		assert_memory_equal(ar[i].body, full.body, strlen(ar[i].body));
		assert_true(req_text_valid(ar[i].body, strlen(ar[i].body)));
	}
	/* The oldest article: nothing is older. */
	assert_int_equal(db_articles_page(FX->db, &FX->a, FX->now, T_2021_01_11,
	    1, 10, 40, &ar, &n), 0);
	assert_int_equal(n, 0);
	/* Same time, larger id: the cursor row itself is excluded. */
	assert_int_equal(db_articles_page(FX->db, &FX->a, FX->now, T_2021_01_11,
	    2, 10, 40, &ar, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ar[0].id, 1);
}

/* Several articles at the same second: the id breaks the tie, and the
 * walk neither skips nor repeats any of them. */
static void
articles_page_ties(void **state)
{
	long long	 ids[80];
	size_t		 n, i, j, found;

	raw_exec(FX->path,
	    "INSERT INTO articles (slug, title, status, published_at,"
	    " created_at, updated_at) VALUES"
	    " ('tie-a', 'Tie A', 'published', 1650000000, 1, 1),"
	    " ('tie-b', 'Tie B', 'published', 1650000000, 1, 1),"
	    " ('tie-c', 'Tie C', 'published', 1650000000, 1, 1),"
	    " ('tie-d', 'Tie D', 'published', 1650000000, 1, 1),"
	    " ('tie-e', 'Tie E', 'draft', NULL, 1, 1)");
	for (i = 1; i <= 5; i++) {
		n = walk(FX->db, &FX->a, FX->now, (int)i, ids, 80);
		assert_int_equal(n, DEMO_VISIBLE + 4);
		for (found = 0, j = 0; j < n; j++)
			if (ids[j] >= 53 && ids[j] <= 56)
				found++;
		assert_int_equal(found, 4);
	}
}

static void
articles_range(void **state)
{
	struct article	*ar;
	size_t		 n, i;

	assert_int_equal(db_articles_range(FX->db, &FX->a, FX->now,
	    T_2022_03_01, T_2022_04_01, &ar, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ar[0].slug,
	    "the-meeting-that-should-have-been-a-document");
	assert_string_equal(ar[1].slug, "pi-day-and-other-excuses");
	assert_int_equal(ar[1].published_at, 1647248400);
	assert_true(ar[0].published_at > ar[1].published_at);
	/* Titles and dates only. */
	assert_string_equal(ar[0].body, "");

	/* [from, to): the lower bound is in, the upper bound out. */
	assert_int_equal(db_articles_range(FX->db, &FX->a, FX->now,
	    1647248400, 1647248401, &ar, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_articles_range(FX->db, &FX->a, FX->now,
	    1647248300, 1647248400, &ar, &n), 0);
	assert_int_equal(n, 0);

	/* Everything, newest first. */
	assert_int_equal(db_articles_range(FX->db, &FX->a, FX->now, LLONG_MIN,
	    LLONG_MAX, &ar, &n), 0);
	assert_int_equal(n, DEMO_VISIBLE);
	for (i = 1; i < n; i++)
		assert_true(ar[i - 1].published_at > ar[i].published_at);

	/* 2031 holds only the scheduled article, seen from 2032. */
	assert_int_equal(db_articles_range(FX->db, &FX->a, FX->now,
	    T_2031_01_01, T_2032_01_01, &ar, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_articles_range(FX->db, &FX->a, T_2032_01_01,
	    T_2031_01_01, T_2032_01_01, &ar, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ar[0].slug, "scheduled-for-the-future");
}

static void
neighbours(void **state)
{
	struct article	 ar, nb;

	/* The first article has no older one. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "why-start-a-blog-now", FX->now, &ar), 1);
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 0);
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 1);
	assert_string_equal(nb.slug, "the-quiet-virtue-of-boring-technology");
	assert_int_equal(nb.id, 2);

	/* One in the middle. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "the-quiet-virtue-of-boring-technology", FX->now, &ar), 1);
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 1);
	assert_string_equal(nb.slug, "why-start-a-blog-now");
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 1);
	assert_string_equal(nb.slug, "what-the-library-knew");

	/* The newest visible one: no newer, unless time moves on. */
	assert_int_equal(db_article_by_slug(FX->db, &FX->a,
	    "notes-toward-a-kinder-internet", FX->now, &ar), 1);
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 0);
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar,
	    T_2032_01_01, 0, &nb), 1);
	assert_string_equal(nb.slug, "scheduled-for-the-future");
	assert_int_equal(db_article_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 1);
	assert_string_equal(nb.slug, "small-tools-sharp-edges");
}

static void
page_by_slug(void **state)
{
	struct article	 p;

	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "about", &p), 1);
	assert_string_equal(p.slug, "about");
	assert_string_equal(p.title, "About");
	assert_true(strlen(p.body) > 0);
	assert_true(p.updated_at > 0);
	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "contribute", &p), 1);
	assert_string_equal(p.title, "Contribute");
	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "nope", &p), 0);
	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "About", &p), 0);
	/* A draft page is not shown. */
	raw_exec(FX->path, "INSERT INTO pages (slug, title, status, created_at,"
	    " updated_at) VALUES ('secret', 'Secret', 'draft', 1, 1)");
	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "secret", &p), 0);
	/* Statements reset cleanly: "about" again after a miss. */
	assert_int_equal(db_page_by_slug(FX->db, &FX->a, "about", &p), 1);
}

static int
newest_migration(void)
{
	DIR		*d;
	struct dirent	*e;
	int		 v = 0, n;

	assert_non_null(d = opendir("sql/migrations"));
	while ((e = readdir(d)) != NULL)
		if (strlen(e->d_name) > 5 && e->d_name[4] == '-' &&
		    (n = atoi(e->d_name)) > v)
			v = n;
	closedir(d);
	return v;
}

static void
migrate_twice(void **state)
{
	long long	 objects, rows;

	/* The binary knows the newest migration in sql/migrations. */
	assert_int_equal(db_schema_version(), newest_migration());
	assert_int_equal(raw_int(FX->path, "PRAGMA user_version"),
	    db_schema_version());
	objects = raw_int(FX->path, "SELECT count(*) FROM sqlite_master");
	rows = raw_int(FX->path, "SELECT count(*) FROM articles");
	assert_int_equal(rows, 52);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(raw_int(FX->path, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM sqlite_master"),
	    objects);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM articles"),
	    rows);
}

/* From an empty file, db_migrate builds every table at the current
 * version, in WAL mode. */
static void
migrate_fresh(void **state)
{
	assert_int_equal(raw_int(FX->path, "PRAGMA user_version"), 0);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(raw_int(FX->path, "PRAGMA user_version"),
	    db_schema_version());
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name IN ('articles', 'pages',"
	    " 'settings')"), 3);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM articles"), 0);
	assert_int_equal(raw_int(FX->path, "SELECT journal_mode = 'wal'"
	    " FROM pragma_journal_mode"), 1);
}

static void
migrate_refuses_newer(void **state)
{
	raw_exec(FX->path, "PRAGMA user_version = 99");
	assert_non_null(FX->db = db_open(FX->path, 0));
	assert_int_equal(db_migrate(FX->db), -1);
	/* Refused, and left alone. */
	assert_int_equal(raw_int(FX->path, "PRAGMA user_version"), 99);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM sqlite_master"),
	    0);
}

static void
load_demo_twice(void **state)
{
	assert_int_equal(db_load_demo(FX->db), -1);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM articles"), 52);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM pages"), 2);
}

/* Any row makes a database non-empty. */
static void
load_demo_not_empty(void **state)
{
	/* A row the demo would not collide with: only the emptiness check
	 * can refuse. */
	raw_exec(FX->path, "INSERT INTO articles (slug, title, created_at,"
	    " updated_at) VALUES ('my-own-draft', 'Mine', 1, 1)");
	assert_int_equal(db_load_demo(FX->db), -1);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM articles"), 1);
	assert_int_equal(raw_int(FX->path, "SELECT count(*) FROM settings"), 0);
}

static void
open_missing(void **state)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/tmp/quire-test-db-missing-%ld",
	    (long)getpid());
	unlink(path);
	assert_null(db_open(path, 0));
	assert_int_equal(access(path, F_OK), -1);
	assert_null(db_open("/nonexistent-dir/quire.db", 1));
	db_close(NULL);
}

#define WITH(t, setup) cmocka_unit_test_setup_teardown(t, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		WITH(settings_demo, setup_demo),
		WITH(settings_defaults, setup_migrated),
		WITH(article_by_slug, setup_demo),
		WITH(article_visibility, setup_demo),
		WITH(articles_page_walk, setup_demo),
		WITH(articles_page_fields, setup_demo),
		WITH(articles_page_ties, setup_demo),
		WITH(articles_range, setup_demo),
		WITH(neighbours, setup_demo),
		WITH(page_by_slug, setup_demo),
		WITH(migrate_twice, setup_demo),
		WITH(migrate_fresh, setup_open),
		WITH(migrate_refuses_newer, setup_path),
		WITH(load_demo_twice, setup_demo),
		WITH(load_demo_not_empty, setup_migrated),
		cmocka_unit_test(open_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
