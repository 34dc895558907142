/*
 * test_db: the database module against a fresh file in /tmp holding the
 * demo site (sql/demo.sql: 50 published articles, one draft, one
 * scheduled for 2031, pages "about" and "contribute"). Visibility, keyset
 * paging, ranges, neighbours, migrations; and the admin side: accounts,
 * sessions, failed sign-ins, saving with revisions, the admin lists,
 * settings.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "arena.h"
#include "dbfile.h"
#include "db.h"
#include "db_archive.h"
#include "db_failure.h"
#include "db_secret.h"
#include "db_migrate.h"
#include "db_post.h"
#include "db_session.h"
#include "db_setting.h"
#include "db_stamp.h"
#include "db_user.h"
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

static struct fx	 F;

/* The tests' clock, not the machine's: 2026-12-01 00:00 UTC, after every
 * demo article but the one scheduled for 2031, whatever the year the
 * tests run in. */
#define FX_NOW	1796083200LL

/* A fresh file; the database is opened by the test. */
static int
setup_path(void **state)
{
	memset(&F, 0, sizeof(F));
	dbfile_make(F.path, sizeof(F.path), "db");
	arena_init(&F.a);
	F.now = FX_NOW;
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
		dbfile_remove(F.path);
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
	if (db_migrate(F.db) != 0 || db_migrate_demo(F.db) != 0 ||
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

	assert_int_equal(db_setting_load(FX->db, &FX->a, &s), 0);
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
	assert_int_equal(db_setting_load(FX->db, &FX->a, &s), 0);
	assert_string_equal(s.v[SET_TITLE], "Notes from the Margin");
}

/* A migrated database with no settings rows gives every default; an
 * unknown key is ignored and a known one overrides its default. */
static void
settings_defaults(void **state)
{
	struct settings	 s;
	int		 i;

	assert_int_equal(db_setting_load(FX->db, &FX->a, &s), 0);
	for (i = 0; i < SET__MAX; i++)
		assert_non_null(s.v[i]);
	assert_string_equal(s.v[SET_TITLE], "Quire");
	assert_string_equal(s.v[SET_SUBTITLE], "");
	assert_string_equal(s.v[SET_AUTHOR], "");
	assert_string_equal(s.v[SET_PER_PAGE], "10");
	dbfile_exec(FX->path, "INSERT INTO settings VALUES ('no_such_key', 'x'),"
	    " ('subtitle', 'Sub <b>')");
	assert_int_equal(db_setting_load(FX->db, &FX->a, &s), 0);
	assert_string_equal(s.v[SET_TITLE], "Quire");
	assert_string_equal(s.v[SET_SUBTITLE], "Sub <b>");
}

static void
article_by_slug(void **state)
{
	struct post	 ar;

	memset(&ar, 0, sizeof(ar));
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "why-start-a-blog-now", FX->now, &ar), 1);
	assert_int_equal(ar.id, 1);
	assert_string_equal(ar.slug, "why-start-a-blog-now");
	assert_string_equal(ar.title, "Why Start a Blog Now?");
	assert_string_equal(ar.author, "");
	assert_string_equal(ar.excerpt, "A first post, and a case for writing "
	    "things down somewhere that isn't a feed.");
	/* The body is read when a page needs it (body.c), whole. */
	assert_null(ar.body);
	assert_int_equal(db_post_source(FX->db, &FX->a, &ar, -1), 1);
	assert_true(strncmp(ar.body, "Everyone I know spent last year online.",
	    39) == 0);
	assert_int_equal(strlen(ar.body), 1267);
	assert_int_equal(ar.published_at, T_2021_01_11);
	assert_int_equal(ar.updated_at, T_2021_01_11);

	assert_int_equal(db_post_article(FX->db, &FX->a, "no-such-article",
	    FX->now, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a, "' OR 1=1 --",
	    FX->now, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a, "",
	    FX->now, &ar), 0);
	/* Slugs match exactly. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "WHY-START-A-BLOG-NOW", FX->now, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "why-start-a-blog", FX->now, &ar), 0);
}

static void
article_visibility(void **state)
{
	struct post	 ar;

	/* A draft is never visible, whatever the time. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "draft-unfinished-thoughts", FX->now, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "draft-unfinished-thoughts", T_2032_01_01, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "draft-unfinished-thoughts", LLONG_MAX, &ar), 0);
	/* Scheduled for 2031: hidden now, visible in 2032. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "scheduled-for-the-future", FX->now, &ar), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "scheduled-for-the-future", T_2032_01_01, &ar), 1);
	assert_string_equal(ar.title, "A Letter to Readers in 2031");
	/* Visible from the second of publication on, not a second before. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "scheduled-for-the-future", ar.published_at, &ar), 1);
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "scheduled-for-the-future", ar.published_at - 1, &ar), 0);
	/* Before the first article was published, nothing is. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "why-start-a-blog-now", T_2021_01_11 - 1, &ar), 0);
}

/* Walks every visible article, limit at a time, with the keyset cursor;
 * returns how many, after checking order and uniqueness. */
static size_t
walk(struct db *db, struct arena *a, long long now, int limit,
    long long *ids, size_t max)
{
	struct post	*ar;
	long long	 bt = LLONG_MAX, bid = LLONG_MAX;
	long long	 prev_t = LLONG_MAX, prev_id = LLONG_MAX;
	size_t		 n, i, j, total = 0;
	int		 pages = 0;

	for (;;) {
		assert_int_equal(db_post_list_page(db, a, now, bt, bid, limit,
		    &ar, &n), 0);
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
	struct post	*ar, full;
	size_t		 n, i;

	assert_int_equal(db_post_list_page(FX->db, &FX->a, FX->now, LLONG_MAX,
	    LLONG_MAX, 10, &ar, &n), 0);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++) {
		assert_true(*ar[i].slug != '\0');
		assert_true(*ar[i].title != '\0');
		assert_true(ar[i].published_at > 0);
		assert_int_equal(db_post_article(FX->db, &FX->a, ar[i].slug,
		    FX->now, &full), 1);
		assert_int_equal(full.id, ar[i].id);
		assert_string_equal(full.title, ar[i].title);
		assert_int_equal(db_post_source(FX->db, &FX->a, &full, -1),
		    1);
		/* Lists read the Markdown only when asked. */
		assert_string_equal(ar[i].excerpt, "");
		assert_null(ar[i].body);
		assert_int_equal(db_post_source(FX->db, &FX->a, &ar[i], 40),
		    1);
		assert_string_equal(full.excerpt, ar[i].excerpt);
		/* The body is a valid-UTF-8 prefix of the whole. */
		assert_true(strlen(ar[i].body) > 0);
		assert_true(strlen(ar[i].body) <= strlen(full.body));
		assert_true(strlen(ar[i].body) < 40 * 4 + 1);
		assert_memory_equal(ar[i].body, full.body, strlen(ar[i].body));
		assert_true(req_text_valid(ar[i].body, strlen(ar[i].body)));
	}
	/* The oldest article: nothing is older. */
	assert_int_equal(db_post_list_page(FX->db, &FX->a, FX->now, T_2021_01_11,
	    1, 10, &ar, &n), 0);
	assert_int_equal(n, 0);
	/* Same time, larger id: the cursor row itself is excluded. */
	assert_int_equal(db_post_list_page(FX->db, &FX->a, FX->now, T_2021_01_11,
	    2, 10, &ar, &n), 0);
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

	dbfile_exec(FX->path,
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
	struct post	*ar;
	size_t		 n, i;

	assert_int_equal(db_post_list_range(FX->db, &FX->a, FX->now,
	    T_2022_03_01, T_2022_04_01, &ar, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ar[0].slug,
	    "the-meeting-that-should-have-been-a-document");
	assert_string_equal(ar[1].slug, "pi-day-and-other-excuses");
	assert_int_equal(ar[1].published_at, 1647248400);
	assert_true(ar[0].published_at > ar[1].published_at);
	/* Titles and dates only. */
	assert_null(ar[0].body);

	/* [from, to): the lower bound is in, the upper bound out. */
	assert_int_equal(db_post_list_range(FX->db, &FX->a, FX->now,
	    1647248400, 1647248401, &ar, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_post_list_range(FX->db, &FX->a, FX->now,
	    1647248300, 1647248400, &ar, &n), 0);
	assert_int_equal(n, 0);

	/* Everything, newest first. */
	assert_int_equal(db_post_list_range(FX->db, &FX->a, FX->now, LLONG_MIN,
	    LLONG_MAX, &ar, &n), 0);
	assert_int_equal(n, DEMO_VISIBLE);
	for (i = 1; i < n; i++)
		assert_true(ar[i - 1].published_at > ar[i].published_at);

	/* 2031 holds only the scheduled article, seen from 2032. */
	assert_int_equal(db_post_list_range(FX->db, &FX->a, FX->now,
	    T_2031_01_01, T_2032_01_01, &ar, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_post_list_range(FX->db, &FX->a, T_2032_01_01,
	    T_2031_01_01, T_2032_01_01, &ar, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ar[0].slug, "scheduled-for-the-future");
}

static void
neighbours(void **state)
{
	struct post	 ar, nb;

	/* The first article has no older one. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "why-start-a-blog-now", FX->now, &ar), 1);
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 0);
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 1);
	assert_string_equal(nb.slug, "the-quiet-virtue-of-boring-technology");
	assert_int_equal(nb.id, 2);

	/* One in the middle. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "the-quiet-virtue-of-boring-technology", FX->now, &ar), 1);
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 1);
	assert_string_equal(nb.slug, "why-start-a-blog-now");
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 1);
	assert_string_equal(nb.slug, "what-the-library-knew");

	/* The newest visible one: no newer, unless time moves on. */
	assert_int_equal(db_post_article(FX->db, &FX->a,
	    "notes-toward-a-kinder-internet", FX->now, &ar), 1);
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 0,
	    &nb), 0);
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar,
	    T_2032_01_01, 0, &nb), 1);
	assert_string_equal(nb.slug, "scheduled-for-the-future");
	assert_int_equal(db_post_neighbour(FX->db, &FX->a, &ar, FX->now, 1,
	    &nb), 1);
	assert_string_equal(nb.slug, "small-tools-sharp-edges");
}

static void
page_by_slug(void **state)
{
	struct post	 p;

	assert_int_equal(db_post_page(FX->db, &FX->a, "about", &p), 1);
	assert_string_equal(p.slug, "about");
	assert_string_equal(p.title, "About");
	assert_true(strlen(p.body) > 0);
	assert_true(p.updated_at > 0);
	assert_int_equal(db_post_page(FX->db, &FX->a, "contribute", &p), 1);
	assert_string_equal(p.title, "Contribute");
	assert_int_equal(db_post_page(FX->db, &FX->a, "nope", &p), 0);
	assert_int_equal(db_post_page(FX->db, &FX->a, "About", &p), 0);
	/* A draft page is not shown. */
	dbfile_exec(FX->path, "INSERT INTO pages (slug, title, status, created_at,"
	    " updated_at) VALUES ('secret', 'Secret', 'draft', 1, 1)");
	assert_int_equal(db_post_page(FX->db, &FX->a, "secret", &p), 0);
	/* Statements reset cleanly: "about" again after a miss. */
	assert_int_equal(db_post_page(FX->db, &FX->a, "about", &p), 1);
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
	assert_int_equal(db_migrate_version(), newest_migration());
	assert_int_equal(dbfile_int(FX->path, "PRAGMA user_version"),
	    db_migrate_version());
	objects = dbfile_int(FX->path, "SELECT count(*) FROM sqlite_master");
	rows = dbfile_int(FX->path, "SELECT count(*) FROM articles");
	assert_int_equal(rows, 52);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(dbfile_int(FX->path, "PRAGMA user_version"),
	    db_migrate_version());
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sqlite_master"),
	    objects);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"),
	    rows);
}

/* From an empty file, db_migrate builds every table at the current
 * version, in WAL mode. */
static void
migrate_fresh(void **state)
{
	assert_int_equal(dbfile_int(FX->path, "PRAGMA user_version"), 0);
	assert_int_equal(db_migrate(FX->db), 0);
	assert_int_equal(dbfile_int(FX->path, "PRAGMA user_version"),
	    db_migrate_version());
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name IN ('articles', 'pages',"
	    " 'settings')"), 3);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT journal_mode = 'wal'"
	    " FROM pragma_journal_mode"), 1);
}

static void
migrate_refuses_newer(void **state)
{
	dbfile_exec(FX->path, "PRAGMA user_version = 99");
	assert_non_null(FX->db = db_open(FX->path, 0));
	assert_int_equal(db_migrate(FX->db), -1);
	/* Refused, and left alone. */
	assert_int_equal(dbfile_int(FX->path, "PRAGMA user_version"), 99);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sqlite_master"),
	    0);
}

static void
load_demo_twice(void **state)
{
	assert_int_equal(db_migrate_demo(FX->db), -1);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 52);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM pages"), 2);
}

/* Any row makes a database non-empty. */
static void
load_demo_not_empty(void **state)
{
	/* A row the demo would not collide with: only the emptiness check
	 * can refuse. */
	dbfile_exec(FX->path, "INSERT INTO articles (slug, title, created_at,"
	    " updated_at) VALUES ('my-own-draft', 'Mine', 1, 1)");
	assert_int_equal(db_migrate_demo(FX->db), -1);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 1);
	/* Only the triggers' note of the change, none of the demo's. */
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM settings"
	    " WHERE key != 'changed_at'"), 0);
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

/* The admin side: accounts, sessions, failed sign-ins, editing. */

#define NOW	1700000000LL		/* 2023-11-14, a fixed "now" */
#define HASH_A	"$argon2id$v=19$m=65536,t=2,p=1$aaaa$bbbb"
#define HASH_B	"$argon2id$v=19$m=65536,t=2,p=1$cccc$dddd"

/* A session digest: 32 bytes of b. */
static const unsigned char *
digest_of(unsigned char buf[32], unsigned char b)
{
	memset(buf, b, 32);
	return buf;
}

static long long
user_id(struct fx *f, const char *login)
{
	struct user	 u;

	assert_int_equal(db_user_by_login(f->db, &f->a, login, &u), 1);
	return u.id;
}

static void
users(void **state)
{
	struct user	 u, *list;
	size_t		 n;
	int		 dup = -1;

	assert_int_equal(db_user_add(FX->db, "miriam", "Miriam Holloway",
	    HASH_A, NOW, &dup), 0);
	assert_int_equal(dup, 0);
	dup = -1;
	assert_int_equal(db_user_add(FX->db, "ann", "", HASH_B, NOW + 5, &dup),
	    0);
	assert_int_equal(dup, 0);

	/* A taken login: -1 with dup set, and the first account untouched. */
	dup = 0;
	assert_int_equal(db_user_add(FX->db, "miriam", "Impostor", HASH_B,
	    NOW + 9, &dup), -1);
	assert_int_equal(dup, 1);
	/* A failure that is not a duplicate leaves dup at 0 (the schema
	 * refuses an empty login). */
	dup = -1;
	assert_int_equal(db_user_add(FX->db, "", "", HASH_B, NOW, &dup), -1);
	assert_int_equal(dup, 0);

	memset(&u, 0, sizeof(u));
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "miriam", &u), 1);
	assert_true(u.id > 0);
	assert_string_equal(u.login, "miriam");
	assert_string_equal(u.name, "Miriam Holloway");
	assert_string_equal(u.pwhash, HASH_A);
	assert_int_equal(u.created_at, NOW);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "nobody", &u), 0);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "Miriam", &u), 0);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "", &u), 0);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "' OR 1=1 --", &u),
	    0);

	/* Listed by login, without their hashes. */
	assert_int_equal(db_user_list(FX->db, &FX->a, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].login, "ann");
	assert_string_equal(list[1].login, "miriam");
	assert_string_equal(list[1].name, "Miriam Holloway");
	assert_int_equal(list[0].created_at, NOW + 5);
	assert_string_equal(list[0].pwhash, "");
	assert_string_equal(list[1].pwhash, "");
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM users"), 2);
}

/* A new password ends every session of its user, and only theirs. */
static void
user_passwd_ends_sessions(void **state)
{
	unsigned char	 d1[32], d2[32], d3[32];
	struct user	 u;
	long long	 mid, aid;
	int		 dup;

	assert_int_equal(db_user_add(FX->db, "miriam", "", HASH_A, NOW, &dup),
	    0);
	assert_int_equal(db_user_add(FX->db, "ann", "", HASH_A, NOW, &dup), 0);
	mid = user_id(FX, "miriam");
	aid = user_id(FX, "ann");
	assert_int_equal(db_session_add(FX->db, digest_of(d1, 1), mid, NOW,
	    NOW + 3600), 0);
	assert_int_equal(db_session_add(FX->db, digest_of(d2, 2), mid, NOW,
	    NOW + 3600), 0);
	assert_int_equal(db_session_add(FX->db, digest_of(d3, 3), aid, NOW,
	    NOW + 3600), 0);

	assert_int_equal(db_user_passwd(FX->db, "miriam", HASH_B, NOW + 60), 1);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "miriam", &u), 1);
	assert_string_equal(u.pwhash, HASH_B);
	assert_int_equal(dbfile_int(FX->path, "SELECT updated_at FROM users"
	    " WHERE login = 'miriam'"), NOW + 60);
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW + 61, &u), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d2, NOW + 61, &u), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d3, NOW + 61, &u), 1);
	assert_string_equal(u.login, "ann");
	/* The other account keeps its hash. */
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "ann", &u), 1);
	assert_string_equal(u.pwhash, HASH_A);

	assert_int_equal(db_user_passwd(FX->db, "nobody", HASH_B, NOW), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM users"
	    " WHERE pwhash = '" HASH_B "'"), 1);
	/* No transaction is left open: a write still goes through. */
	assert_int_equal(db_user_add(FX->db, "zoe", "", HASH_A, NOW, &dup), 0);
}

/* Deleting an account deletes its sessions (ON DELETE CASCADE; foreign
 * keys are on for every connection db_open makes). */
static void
user_del_cascades(void **state)
{
	unsigned char	 d1[32], d2[32];
	struct user	 u;
	long long	 mid, aid;
	int		 dup;

	assert_int_equal(db_user_add(FX->db, "miriam", "", HASH_A, NOW, &dup),
	    0);
	assert_int_equal(db_user_add(FX->db, "ann", "", HASH_A, NOW, &dup), 0);
	mid = user_id(FX, "miriam");
	aid = user_id(FX, "ann");
	assert_int_equal(db_session_add(FX->db, digest_of(d1, 1), mid, NOW,
	    NOW + 3600), 0);
	assert_int_equal(db_session_add(FX->db, digest_of(d2, 2), aid, NOW,
	    NOW + 3600), 0);

	assert_int_equal(db_user_del(FX->db, "miriam"), 1);
	assert_int_equal(db_user_by_login(FX->db, &FX->a, "miriam", &u), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sessions"),
	    1);
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW + 1, &u), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d2, NOW + 1, &u), 1);
	assert_int_equal(db_user_del(FX->db, "miriam"), 0);
	assert_int_equal(db_user_del(FX->db, "nobody"), 0);
	/* A session for no user is refused. */
	assert_int_equal(db_session_add(FX->db, digest_of(d1, 9), mid, NOW,
	    NOW + 3600), -1);
}

static void
sessions(void **state)
{
	unsigned char	 d1[32], d2[32], d3[32];
	struct user	 u;
	long long	 mid;
	int		 dup;

	assert_int_equal(db_user_add(FX->db, "miriam", "Miriam", HASH_A, NOW,
	    &dup), 0);
	mid = user_id(FX, "miriam");
	assert_int_equal(db_session_add(FX->db, digest_of(d1, 0xa1), mid, NOW,
	    NOW + 100), 0);

	/* Live until its expiry, not at it. */
	memset(&u, 0, sizeof(u));
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW, &u), 1);
	assert_int_equal(u.id, mid);
	assert_string_equal(u.login, "miriam");
	assert_string_equal(u.name, "Miriam");
	assert_string_equal(u.pwhash, HASH_A);
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW + 99, &u), 1);
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW + 100, &u), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d1, NOW + 5000, &u),
	    0);
	/* An unknown digest, or one a byte off. */
	assert_int_equal(db_session_user(FX->db, &FX->a, digest_of(d2, 0xa2),
	    NOW, &u), 0);
	memcpy(d3, d1, 32);
	d3[31] ^= 1;
	assert_int_equal(db_session_user(FX->db, &FX->a, d3, NOW, &u), 0);
	/* A digest is a key: the same one twice is refused. */
	assert_int_equal(db_session_add(FX->db, d1, mid, NOW, NOW + 100), -1);

	/* Adding a session purges the expired ones. */
	assert_int_equal(db_session_add(FX->db, d2, mid, NOW + 50, NOW + 500),
	    0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sessions"),
	    2);
	assert_int_equal(db_session_add(FX->db, d3, mid, NOW + 200, NOW + 900),
	    0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sessions"),
	    2);

	/* Signing out. */
	assert_int_equal(db_session_del(FX->db, d2), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d2, NOW + 201, &u), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d3, NOW + 201, &u), 1);
	assert_int_equal(db_session_del(FX->db, d2), 0);
	assert_int_equal(db_session_del_user(FX->db, mid), 0);
	assert_int_equal(db_session_user(FX->db, &FX->a, d3, NOW + 201, &u), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM sessions"),
	    0);
}

/* A stand-in for throttle_wait: keys with 2 failures or more wait 10 s
 * after the latest. */
static long long
wait10(long long failures, long long last, long long now)
{
	return failures >= 2 && last + 10 > now ? last + 10 - now : 0;
}

/* Counts per key, taken back, cleared, and purged once quiet. */
static void
failures(void **state)
{
	static const char *const keys[] = { "ip:192.0.2.1", "login:miriam" };
	static const char *const other[] = { "ip:192.0.2.2" };
	long long	 n, last, retry;

	assert_int_equal(db_failure_get(FX->db, "ip:192.0.2.1", &n, &last), 0);
	assert_int_equal(n, 0);
	assert_int_equal(last, 0);
	assert_int_equal(db_failure_try(FX->db, keys, 2, NOW, 0, wait10,
	    &retry), 1);
	assert_int_equal(retry, 0);
	assert_int_equal(db_failure_try(FX->db, other, 1, NOW + 5, 0, wait10,
	    &retry), 1);
	assert_int_equal(db_failure_get(FX->db, "login:miriam", &n, &last), 0);
	assert_int_equal(n, 1);
	assert_int_equal(last, NOW);
	/* A right password takes its attempt back; clearing forgets all. */
	assert_int_equal(db_failure_untake(FX->db, "login:miriam"), 0);
	assert_int_equal(db_failure_get(FX->db, "login:miriam", &n, &last), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_failure_untake(FX->db, "login:miriam"), 0);
	assert_int_equal(db_failure_get(FX->db, "login:miriam", &n, &last), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_failure_clear(FX->db, "ip:192.0.2.1"), 0);
	assert_int_equal(db_failure_get(FX->db, "ip:192.0.2.1", &n, &last), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_failure_get(FX->db, "ip:192.0.2.2", &n, &last), 0);
	assert_int_equal(n, 1);
	/* An attempt purges keys quiet since its cut-off. */
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM"
	    " signin_failures"), 2);
	assert_int_equal(db_failure_try(FX->db, keys, 1, NOW + 100, NOW + 5,
	    wait10, &retry), 1);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM"
	    " signin_failures WHERE key = 'ip:192.0.2.2'"), 0);
}

/* An attempt is counted before the password is checked: a key still
 * waiting refuses it, counts nothing and says for how long. */
static void
failure_try_limit(void **state)
{
	static const char *const keys[] = { "login:miriam", "ip:192.0.2.1" };
	long long	 n, last, retry;

	assert_int_equal(db_failure_try(FX->db, keys, 2, NOW, 0, wait10,
	    &retry), 1);
	assert_int_equal(db_failure_try(FX->db, keys + 1, 1, NOW + 1, 0,
	    wait10, &retry), 1);
	/* ip has 2 failures, the latest at NOW + 1: the pair waits 7 s. */
	assert_int_equal(db_failure_try(FX->db, keys, 2, NOW + 4, 0, wait10,
	    &retry), 0);
	assert_int_equal(retry, 7);
	assert_int_equal(db_failure_get(FX->db, "login:miriam", &n, &last), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_failure_get(FX->db, "ip:192.0.2.1", &n, &last), 0);
	assert_int_equal(n, 2);
	assert_int_equal(last, NOW + 1);
	/* The login alone may try. */
	assert_int_equal(db_failure_try(FX->db, keys, 1, NOW + 4, 0, wait10,
	    &retry), 1);
	/* The pair: the login (2 failures now, at NOW + 4) waits longest. */
	assert_int_equal(db_failure_try(FX->db, keys, 2, NOW + 11, 0, wait10,
	    &retry), 0);
	assert_int_equal(retry, 3);
	assert_int_equal(db_failure_try(FX->db, keys, 2, NOW + 14, 0, wait10,
	    &retry), 1);
	assert_int_equal(db_failure_get(FX->db, "ip:192.0.2.1", &n, &last), 0);
	assert_int_equal(n, 3);
	assert_int_equal(last, NOW + 14);
}

/* A secret is made once, by whichever caller is first, and then kept. */
static void
secret_once(void **state)
{
	unsigned char	 a[32], b[32], fresh1[32], fresh2[32];

	memset(fresh1, 0x11, sizeof(fresh1));
	memset(fresh2, 0x22, sizeof(fresh2));
	assert_int_equal(db_secret(FX->db, "device", a, sizeof(a),
	    fresh1), 0);
	assert_memory_equal(a, fresh1, sizeof(a));
	assert_int_equal(db_secret(FX->db, "device", b, sizeof(b),
	    fresh2), 0);
	assert_memory_equal(b, fresh1, sizeof(b));
	/* A stored secret of another length is an error, not a short key. */
	assert_int_equal(db_secret(FX->db, "device", b, 16, fresh2),
	    -1);
}

static void
article_init(struct post *p, const char *slug, const char *title)
{
	memset(p, 0, sizeof(*p));
	p->kind = POST_ARTICLE;
	p->slug = slug;
	p->title = title;
	p->excerpt = "";
	p->body = "";
	p->author = "";
	p->status = "draft";
}

static void
post_save_article(void **state)
{
	struct post	 p, q, got;

	/* A new draft without a date. */
	article_init(&p, "first-draft", "First draft");
	p.excerpt = "An *excerpt*.";
	p.body = "Body, with caf\xc3\xa9 and <b>markup</b>.";
	p.author = "Ann";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_true(p.id > 0);
	assert_int_equal(p.revision, 1);

	memset(&got, 0, sizeof(got));
	got.kind = POST_PAGE;
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_int_equal(got.id, p.id);
	assert_int_equal(got.kind, POST_ARTICLE);
	assert_string_equal(got.slug, "first-draft");
	assert_string_equal(got.title, "First draft");
	assert_string_equal(got.excerpt, "An *excerpt*.");
	assert_string_equal(got.body, "Body, with caf\xc3\xa9 and <b>markup</b>.");
	assert_string_equal(got.author, "Ann");
	assert_string_equal(got.status, "draft");
	assert_int_equal(got.has_date, 0);
	assert_int_equal(got.created_at, NOW);
	assert_int_equal(got.updated_at, NOW);
	assert_int_equal(got.revision, 1);
	/* A draft is not on the site. */
	assert_int_equal(db_post_article(FX->db, &FX->a, "first-draft",
	    LLONG_MAX, &got), 0);

	/* An update at the right revision bumps it. */
	p.title = "First draft, revised";
	assert_int_equal(db_post_save(FX->db, &p, NOW + 10), DB_SAVED);
	assert_int_equal(p.revision, 2);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_string_equal(got.title, "First draft, revised");
	assert_int_equal(got.revision, 2);
	assert_int_equal(got.created_at, NOW);
	assert_int_equal(got.updated_at, NOW + 10);

	/* A stale revision (a form opened before that save) changes
	 * nothing. */
	q = p;
	q.revision = 1;
	q.title = "Overwritten";
	q.body = "lost";
	assert_int_equal(db_post_save(FX->db, &q, NOW + 20), DB_CONFLICT);
	assert_int_equal(q.revision, 1);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_string_equal(got.title, "First draft, revised");
	assert_string_equal(got.body, "Body, with caf\xc3\xa9 and <b>markup</b>.");
	assert_int_equal(got.revision, 2);
	assert_int_equal(got.updated_at, NOW + 10);
	/* A revision from the future is no better. */
	q.revision = 3;
	assert_int_equal(db_post_save(FX->db, &q, NOW + 20), DB_CONFLICT);

	/* Publishing, dated now: visible from now on. */
	p.status = "published";
	p.has_date = 1;
	p.published_at = NOW + 30;
	assert_int_equal(db_post_save(FX->db, &p, NOW + 30), DB_SAVED);
	assert_int_equal(p.revision, 3);
	assert_int_equal(db_post_article(FX->db, &FX->a, "first-draft",
	    NOW + 30, &got), 1);
	assert_int_equal(got.has_date, 1);
	assert_int_equal(got.published_at, NOW + 30);
	assert_int_equal(got.revision, 3);

	/* Published needs a date (the schema's CHECK): an error, not a
	 * conflict or a duplicate, and nothing changes. */
	article_init(&q, "undated", "Undated");
	q.status = "published";
	assert_int_equal(db_post_save(FX->db, &q, NOW), -1);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 1);
	/* The statements still work after that failure. */
	article_init(&q, "undated", "Undated");
	assert_int_equal(db_post_save(FX->db, &q, NOW), DB_SAVED);
}

/* Scheduled: published with a time in the future. */
static void
post_save_scheduled(void **state)
{
	struct post	 p, got;

	article_init(&p, "later", "Later");
	p.status = "published";
	p.has_date = 1;
	p.published_at = NOW + 3600;
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(db_post_article(FX->db, &FX->a, "later", NOW, &got),
	    0);
	assert_int_equal(db_post_article(FX->db, &FX->a, "later",
	    NOW + 3599, &got), 0);
	assert_int_equal(db_post_article(FX->db, &FX->a, "later",
	    NOW + 3600, &got), 1);
	assert_int_equal(got.id, p.id);
	/* The editor still finds it. */
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_string_equal(got.status, "published");
	assert_int_equal(got.published_at, NOW + 3600);
	/* A draft with a date keeps the date and stays hidden. */
	p.status = "draft";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_int_equal(got.has_date, 1);
	assert_int_equal(got.published_at, NOW + 3600);
	assert_int_equal(db_post_article(FX->db, &FX->a, "later",
	    NOW + 7200, &got), 0);
	/* Back to undated. */
	p.has_date = 0;
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    1);
	assert_int_equal(got.has_date, 0);
}

static void
post_save_duplicate(void **state)
{
	struct post	 a1, a2, got;

	article_init(&a1, "taken", "One");
	assert_int_equal(db_post_save(FX->db, &a1, NOW), DB_SAVED);
	article_init(&a2, "taken", "Two");
	assert_int_equal(db_post_save(FX->db, &a2, NOW), DB_DUPLICATE);
	assert_int_equal(a2.id, 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 1);
	/* Renaming onto a taken slug. */
	a2.slug = "free";
	assert_int_equal(db_post_save(FX->db, &a2, NOW), DB_SAVED);
	a2.slug = "taken";
	assert_int_equal(db_post_save(FX->db, &a2, NOW + 1), DB_DUPLICATE);
	assert_int_equal(a2.revision, 1);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, a2.id, &got),
	    1);
	assert_string_equal(got.slug, "free");
	assert_int_equal(got.revision, 1);
	/* Pages have their own slugs: an article's slug is free for one. */
	memset(&a1, 0, sizeof(a1));
	a1.kind = POST_PAGE;
	a1.slug = "taken";
	a1.title = "A page";
	a1.body = "";
	a1.status = "published";
	assert_int_equal(db_post_save(FX->db, &a1, NOW), DB_SAVED);
}

static void
post_save_page(void **state)
{
	struct post	 p, q, got, *list;
	size_t		 n;

	memset(&p, 0, sizeof(p));
	p.kind = POST_PAGE;
	p.slug = "colophon";
	p.title = "Colophon";
	p.body = "Set in *Charter*.";
	p.status = "draft";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_true(p.id > 0);
	assert_int_equal(p.revision, 1);
	assert_int_equal(db_post_page(FX->db, &FX->a, "colophon", &got), 0);

	memset(&got, 0, sizeof(got));
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_PAGE, p.id, &got), 1);
	assert_int_equal(got.kind, POST_PAGE);
	assert_string_equal(got.slug, "colophon");
	assert_string_equal(got.title, "Colophon");
	assert_string_equal(got.body, "Set in *Charter*.");
	assert_string_equal(got.status, "draft");
	assert_int_equal(got.revision, 1);
	assert_int_equal(got.created_at, NOW);

	p.status = "published";
	p.body = "Set in *Charter* and Fira Mono.";
	assert_int_equal(db_post_save(FX->db, &p, NOW + 5), DB_SAVED);
	assert_int_equal(p.revision, 2);
	assert_int_equal(db_post_page(FX->db, &FX->a, "colophon", &got), 1);
	assert_string_equal(got.body, "Set in *Charter* and Fira Mono.");
	assert_int_equal(got.updated_at, NOW + 5);

	q = p;
	q.revision = 1;
	q.title = "Stale";
	assert_int_equal(db_post_save(FX->db, &q, NOW + 9), DB_CONFLICT);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_PAGE, p.id, &got), 1);
	assert_string_equal(got.title, "Colophon");
	assert_int_equal(got.revision, 2);

	memset(&q, 0, sizeof(q));
	q.kind = POST_PAGE;
	q.slug = "colophon";
	q.title = "Another";
	q.body = "";
	q.status = "draft";
	assert_int_equal(db_post_save(FX->db, &q, NOW), DB_DUPLICATE);

	/* An id is per kind: the page's id is no article. */
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    0);

	/* db_admin_pages: every status, by title. */
	q.slug = "about";
	q.title = "About";
	assert_int_equal(db_post_save(FX->db, &q, NOW), DB_SAVED);
	assert_int_equal(db_post_admin_pages(FX->db, &FX->a, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].title, "About");
	assert_string_equal(list[0].status, "draft");
	assert_int_equal(list[0].kind, POST_PAGE);
	assert_string_equal(list[1].title, "Colophon");
	assert_string_equal(list[1].status, "published");
	assert_int_equal(list[1].kind, POST_PAGE);
	assert_int_equal(list[1].revision, 2);
}

static void
post_delete(void **state)
{
	struct post	 p, pg, got;

	article_init(&p, "doomed", "Doomed");
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	memset(&pg, 0, sizeof(pg));
	pg.kind = POST_PAGE;
	pg.slug = "doomed";
	pg.title = "Doomed page";
	pg.body = "";
	pg.status = "draft";
	assert_int_equal(db_post_save(FX->db, &pg, NOW), DB_SAVED);

	assert_int_equal(db_post_delete(FX->db, POST_ARTICLE, p.id, NOW), 1);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_ARTICLE, p.id, &got),
	    0);
	assert_int_equal(db_post_delete(FX->db, POST_ARTICLE, p.id, NOW), 0);
	assert_int_equal(db_post_delete(FX->db, POST_ARTICLE, 999999, NOW), 0);
	/* The page of the same slug (and maybe id) is another thing. */
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_PAGE, pg.id, &got),
	    1);
	/* Saving a deleted article is a conflict, not a silent insert. */
	assert_int_equal(db_post_save(FX->db, &p, NOW + 1), DB_CONFLICT);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM articles"), 0);
	/* Its slug is free again. */
	p.id = 0;
	assert_int_equal(db_post_save(FX->db, &p, NOW + 2), DB_SAVED);

	assert_int_equal(db_post_delete(FX->db, POST_PAGE, pg.id, NOW), 1);
	assert_int_equal(db_post_by_id(FX->db, &FX->a, POST_PAGE, pg.id, &got),
	    0);
	assert_int_equal(db_post_delete(FX->db, POST_PAGE, pg.id, NOW), 0);
}

/* The admin list over a known set: 3 drafts (one dated in the past, one
 * in the future), 2 scheduled, 4 published. */
static void
admin_articles_fixture(struct fx *f, long long *ids)
{
	static const struct {
		const char	*slug;
		const char	*status;
		long long	 pub;		/* 0: no date */
	} rows[] = {
		{ "draft-a", "draft", 0 },
		{ "draft-b", "draft", NOW - 500 },
		{ "draft-c", "draft", NOW + 500 },
		{ "sched-a", "published", NOW + 100 },
		{ "sched-b", "published", NOW + 86400 },
		{ "pub-a", "published", NOW - 4000 },
		{ "pub-b", "published", NOW - 3000 },
		{ "pub-c", "published", NOW - 2000 },
		{ "pub-d", "published", NOW },
	};
	struct post	 p;
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		article_init(&p, rows[i].slug, rows[i].slug);
		p.status = rows[i].status;
		p.has_date = rows[i].pub != 0;
		p.published_at = rows[i].pub;
		assert_int_equal(db_post_save(f->db, &p, NOW - 10000 +
		    (long long)i), DB_SAVED);
		ids[i] = p.id;
	}
}

/* Counts the rows of filter at now, checks the order, and returns n. */
static size_t
admin_list(struct fx *f, const char *filter, long long now, int limit,
    int offset, long long want_total, struct post **out)
{
	struct post	*ar;
	size_t		 n, i;
	long long	 total = -1, k, prev = LLONG_MAX;

	assert_int_equal(db_post_admin_list(f->db, &f->a, filter, now, limit,
	    offset, &ar, &n, &total), 0);
	if (total != want_total)
		fail_msg("filter %s: total %lld, want %lld",
		    filter ? filter : "(all)", total, want_total);
	assert_true(n <= (size_t)limit);
	for (i = 0; i < n; i++) {
		assert_int_equal(ar[i].kind, POST_ARTICLE);
		/* Newest first: by publication time, else last change. */
		k = ar[i].has_date ? ar[i].published_at : ar[i].updated_at;
		assert_true(k <= prev);
		prev = k;
		if (filter != NULL && strcmp(filter, "draft") == 0)
			assert_string_equal(ar[i].status, "draft");
		if (filter != NULL && strcmp(filter, "scheduled") == 0) {
			assert_string_equal(ar[i].status, "published");
			assert_true(ar[i].published_at > now);
		}
		if (filter != NULL && strcmp(filter, "published") == 0) {
			assert_string_equal(ar[i].status, "published");
			assert_true(ar[i].published_at <= now);
		}
	}
	*out = ar;
	return n;
}

static void
admin_articles(void **state)
{
	struct post	*ar;
	long long	 ids[9];
	size_t		 n, i;

	admin_articles_fixture(FX, ids);
	assert_int_equal(admin_list(FX, NULL, NOW, 50, 0, 9, &ar), 9);
	assert_string_equal(ar[0].slug, "sched-b");
	assert_string_equal(ar[8].slug, "draft-a");	/* undated, oldest */
	assert_int_equal(admin_list(FX, "", NOW, 50, 0, 9, &ar), 9);
	assert_int_equal(admin_list(FX, "draft", NOW, 50, 0, 3, &ar), 3);
	assert_int_equal(admin_list(FX, "scheduled", NOW, 50, 0, 2, &ar), 2);
	assert_string_equal(ar[0].slug, "sched-b");
	assert_string_equal(ar[1].slug, "sched-a");
	assert_int_equal(admin_list(FX, "published", NOW, 50, 0, 4, &ar), 4);
	assert_string_equal(ar[0].slug, "pub-d");	/* at now: published */
	assert_string_equal(ar[3].slug, "pub-a");
	/* List rows carry no body. */
	for (i = 0; i < 4; i++)
		assert_null(ar[i].body);

	/* Time moves: sched-a goes out. */
	assert_int_equal(admin_list(FX, "scheduled", NOW + 100, 50, 0, 1, &ar),
	    1);
	assert_string_equal(ar[0].slug, "sched-b");
	assert_int_equal(admin_list(FX, "published", NOW + 100, 50, 0, 5, &ar),
	    5);
	assert_int_equal(admin_list(FX, "draft", NOW + 100, 50, 0, 3, &ar), 3);

	/* Paging: the total stays, the rows slide. */
	assert_int_equal(admin_list(FX, NULL, NOW, 4, 0, 9, &ar), 4);
	assert_string_equal(ar[0].slug, "sched-b");
	assert_int_equal(admin_list(FX, NULL, NOW, 4, 4, 9, &ar), 4);
	assert_int_equal(admin_list(FX, NULL, NOW, 4, 8, 9, &ar), 1);
	assert_string_equal(ar[0].slug, "draft-a");
	assert_int_equal(admin_list(FX, NULL, NOW, 4, 12, 9, &ar), 0);
	assert_int_equal(admin_list(FX, "published", NOW, 3, 3, 4, &ar), 1);
	assert_string_equal(ar[0].slug, "pub-a");
	assert_int_equal(admin_list(FX, "draft", NOW, 2, 0, 3, &ar), 2);

	/* The statements reset: the whole list again. */
	n = admin_list(FX, NULL, NOW, 50, 0, 9, &ar);
	assert_int_equal(n, 9);
}

/* On the demo: 50 published, one draft, one scheduled for 2031. */
static void
admin_articles_demo(void **state)
{
	struct post	*ar;

	assert_int_equal(admin_list(FX, NULL, FX->now, 10, 0, 52, &ar), 10);
	assert_string_equal(ar[0].slug, "scheduled-for-the-future");
	assert_int_equal(admin_list(FX, "draft", FX->now, 10, 0, 1, &ar), 1);
	assert_string_equal(ar[0].slug, "draft-unfinished-thoughts");
	assert_int_equal(admin_list(FX, "scheduled", FX->now, 10, 0, 1, &ar), 1);
	assert_int_equal(admin_list(FX, "published", FX->now, 10, 5, 50, &ar),
	    10);
	assert_int_equal(admin_list(FX, "published", FX->now, 10, 50, 50, &ar),
	    0);
	assert_int_equal(admin_list(FX, "scheduled", T_2032_01_01, 10, 0, 0,
	    &ar), 0);
	assert_int_equal(admin_list(FX, "published", T_2032_01_01, 100, 0, 51,
	    &ar), 51);
}

static void
admin_pages_demo(void **state)
{
	struct post	*list;
	size_t		 n;

	assert_int_equal(db_post_admin_pages(FX->db, &FX->a, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].slug, "about");
	assert_string_equal(list[1].slug, "contribute");
	assert_string_equal(list[0].body, "");
	assert_int_equal(list[0].kind, POST_PAGE);
}

static void
settings_round_trip(void **state)
{
	static const char *const keys[SET__MAX] = {
		"title", "subtitle", "base_url", "author", "per_page",
		"share_x", "share_linkedin", "share_facebook",
		"contribute_note", "disclaimer", "disclaimer_where", "robots",
		"updated_at",
		"changed_at",
	};
	struct settings	 s, got;
	int		 i;

	for (i = 0; i < SET__MAX; i++)
		assert_string_equal(setting_def(i)->key, keys[i]);

	/* Defaults first: share links on. */
	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	assert_string_equal(got.v[SET_SHARE_X], "1");
	assert_string_equal(got.v[SET_SHARE_LINKEDIN], "1");
	assert_string_equal(got.v[SET_SHARE_FACEBOOK], "1");

	for (i = 0; i < SET__MAX; i++)
		s.v[i] = arena_printf(&FX->a, "value of %s: 'quoted' \"too\" "
		    "caf\xc3\xa9 <b>", keys[i]);
	s.v[SET_PER_PAGE] = "25";
	s.v[SET_SHARE_X] = "0";
	s.v[SET_SHARE_LINKEDIN] = "1";
	s.v[SET_SHARE_FACEBOOK] = "0";
	s.v[SET_BASE_URL] = "";
	/* The time of the save is stored, whatever s said. */
	s.v[SET_UPDATED_AT] = "1700000000";
	/* changed_at belongs to the triggers: saving leaves it alone. */
	s.v[SET_CHANGED_AT] = "0";
	assert_int_equal(db_setting_save(FX->db, &s, 1700000000), 0);
	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	for (i = 0; i < SET__MAX; i++)
		if (strcmp(got.v[i], s.v[i]) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", keys[i], got.v[i],
			    s.v[i]);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM settings"),
	    SET__MAX - 1);

	/* Saving again overwrites, row for row. */
	s.v[SET_TITLE] = "Second title";
	s.v[SET_SHARE_X] = "1";
	assert_int_equal(db_setting_save(FX->db, &s, 1700000000), 0);
	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	assert_string_equal(got.v[SET_TITLE], "Second title");
	assert_string_equal(got.v[SET_SHARE_X], "1");
	assert_string_equal(got.v[SET_SHARE_FACEBOOK], "0");
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM settings"),
	    SET__MAX - 1);

	/* One bad value (NULL breaks NOT NULL) saves nothing: it is one
	 * transaction. */
	s.v[SET_TITLE] = "Third title";
	s.v[SET_SHARE_FACEBOOK] = NULL;
	assert_int_equal(db_setting_save(FX->db, &s, 1700000000), -1);
	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	assert_string_equal(got.v[SET_TITLE], "Second title");
	assert_string_equal(got.v[SET_SHARE_FACEBOOK], "0");
	/* And the next save works. */
	s.v[SET_SHARE_FACEBOOK] = "1";
	assert_int_equal(db_setting_save(FX->db, &s, 1700000000), 0);
	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	assert_string_equal(got.v[SET_TITLE], "Third title");
}

/* The demo sets no share_* rows: they read as their defaults. */
static void
settings_share_defaults_demo(void **state)
{
	struct settings	 got;

	assert_int_equal(db_setting_load(FX->db, &FX->a, &got), 0);
	assert_string_equal(got.v[SET_SHARE_X], "1");
	assert_string_equal(got.v[SET_SHARE_LINKEDIN], "1");
	assert_string_equal(got.v[SET_SHARE_FACEBOOK], "1");
}

/* archive_months against a count of the articles themselves: the rows
 * either has that the other lacks. */
#define RECOUNT \
	"SELECT CAST(strftime('%Y%m', published_at, 'unixepoch') AS INTEGER)," \
	" count(*) FROM articles WHERE status = 'published' GROUP BY 1"
#define TABLE	"SELECT month, articles FROM archive_months"

static long long
months_off(const char *path)
{
	return dbfile_int(path, "SELECT (SELECT count(*) FROM (" TABLE
	    " EXCEPT " RECOUNT ")) + (SELECT count(*) FROM (" RECOUNT
	    " EXCEPT " TABLE "))");
}

/* The count of month ym among m[0..n), 0 if absent. */
static long long
count_of(const struct db_month *m, size_t n, int ym)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (m[i].year * 100 + m[i].month == ym)
			return m[i].count;
	return 0;
}

static void
archive_months_demo(void **state)
{
	struct db_month	*m;
	struct db_stamp	 s1, s2;
	long long	 sum = 0;
	size_t		 n, i;

	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(db_archive_months(FX->db, &FX->a, FX->now, 0, 999912,
	    &m, &n), 0);
	for (i = 0; i < n; i++) {
		sum += m[i].count;
		assert_true(m[i].count > 0);
		if (i > 0)
			assert_true(m[i - 1].year * 100 + m[i - 1].month >
			    m[i].year * 100 + m[i].month);
	}
	assert_int_equal(sum, DEMO_VISIBLE);
	assert_int_equal(count_of(m, n, 202203), 2);
	/* The scheduled article counts from its time on, not before. */
	assert_int_equal(count_of(m, n, 203101), 0);
	assert_int_equal(db_archive_months(FX->db, &FX->a, T_2032_01_01, 203101,
	    203112, &m, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].count, 1);
	/* A year's months only. */
	assert_int_equal(db_archive_months(FX->db, &FX->a, FX->now, 202201,
	    202212, &m, &n), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(m[i].year, 2022);

	/* The stamp: the visible count, and a key that moves with the
	 * scheduled article going live. */
	assert_int_equal(db_archive_stamp(FX->db, FX->now, 0, 999912,
	    LLONG_MIN, LLONG_MAX, &s1), 1);
	assert_int_equal(s1.rows, DEMO_VISIBLE);
	assert_int_equal(db_archive_stamp(FX->db, T_2032_01_01, 0, 999912,
	    LLONG_MIN, LLONG_MAX, &s2), 1);
	assert_int_equal(s2.rows, DEMO_VISIBLE + 1);
	assert_memory_not_equal(s1.key, s2.key, DB_STAMP_KEY);
	assert_true(s2.last_mod >= T_2031_01_01);
	assert_int_equal(db_archive_stamp(FX->db, FX->now, 203101, 203112,
	    T_2031_01_01, T_2032_01_01, &s1), 0);
}

/* Every way an article enters, moves or leaves a month keeps the counts. */
static void
archive_months_triggers(void **state)
{
	struct post	 p;
	struct db_stamp	 s0, s1;
	long long	 before = dbfile_int(FX->path, "SELECT articles FROM"
			    " archive_months WHERE month = 202203");

	assert_int_equal(db_archive_stamp(FX->db, FX->now, 0, 999912,
	    LLONG_MIN, LLONG_MAX, &s0), 1);
	article_init(&p, "counted", "Counted");
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	p.status = "published";
	p.has_date = 1;
	p.published_at = T_2022_03_01 + 3600;
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT articles FROM archive_months"
	    " WHERE month = 202203"), before + 1);
	assert_int_equal(db_archive_stamp(FX->db, FX->now, 0, 999912,
	    LLONG_MIN, LLONG_MAX, &s1), 1);
	assert_memory_not_equal(s0.key, s1.key, DB_STAMP_KEY);
	/* A new title: the counts and their stamp stay. */
	p.title = "Counted, retitled";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(db_archive_stamp(FX->db, FX->now, 0, 999912,
	    LLONG_MIN, LLONG_MAX, &s0), 1);
	assert_memory_equal(s0.key, s1.key, DB_STAMP_KEY);
	/* Moved to a month of its own, and to the future. */
	p.published_at = 1262304000LL;	/* 2010-01-01 */
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT articles FROM archive_months"
	    " WHERE month = 201001"), 1);
	p.published_at = T_2032_01_01;
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT count(*) FROM archive_months"
	    " WHERE month = 201001"), 0);
	/* Unpublished, published, deleted. */
	p.status = "draft";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	p.status = "published";
	assert_int_equal(db_post_save(FX->db, &p, NOW), DB_SAVED);
	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(db_post_delete(FX->db, POST_ARTICLE, p.id, NOW), 1);
	assert_int_equal(months_off(FX->path), 0);
	assert_int_equal(dbfile_int(FX->path, "SELECT articles FROM archive_months"
	    " WHERE month = 202203"), before);
	/* Anything else writing articles (the bench's generator, sqlite3). */
	dbfile_exec(FX->path, "UPDATE articles SET status = 'draft'"
	    " WHERE id % 3 = 0; DELETE FROM articles WHERE id % 5 = 0;"
	    " UPDATE articles SET published_at = published_at + 86400 * 20"
	    " WHERE id % 7 = 0 AND published_at IS NOT NULL");
	assert_int_equal(months_off(FX->path), 0);
}

/* 251 articles in July 2012, two a second, pages of 100: the count from
 * archive_months, each page by its offset. */
static void
archive_month_pages(void **state)
{
	struct post	*p;
	long long	 from = 1341100800LL, to = 1343779200LL;
	long long	 ids[251], count, bt = LLONG_MAX, bid = LLONG_MAX;
	size_t		 n, i, k, seen = 0;

	dbfile_exec(FX->path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n WHERE i < 250) INSERT INTO articles (slug,"
	    " title, status, published_at, created_at, updated_at) SELECT"
	    " 'bulk-' || i, 'Bulk ' || i, 'published', 1341100800 + i / 2 *"
	    " 3600, 1, 1 FROM n; INSERT INTO articles (slug, title, status,"
	    " published_at, created_at, updated_at) VALUES ('bulk-later',"
	    " 'Later', 'published', 1341100800 + 86400 * 20, 1, 1)");
	assert_int_equal(db_archive_count(FX->db, FX->now, 201207, from, to,
	    &count), 0);
	assert_int_equal(count, 251);
	for (k = 0; k < 3; k++) {
		assert_int_equal(db_post_list_month(FX->db, &FX->a, FX->now,
		    from, to, (long long)k * 100, 100, &p, &n), 0);
		assert_int_equal(n, k < 2 ? 100 : 51);
		for (i = 0; i < n; i++) {
			assert_true(p[i].published_at >= from &&
			    p[i].published_at < to);
			/* The archive's order, across pages too. */
			assert_true(p[i].published_at < bt ||
			    (p[i].published_at == bt && p[i].id < bid));
			bt = p[i].published_at;
			bid = p[i].id;
			ids[seen++] = p[i].id;
		}
	}
	assert_int_equal(seen, 251);
	for (i = 0; i < seen; i++)
		for (k = i + 1; k < seen; k++)
			assert_true(ids[i] != ids[k]);
	/* Nothing past the last. */
	assert_int_equal(db_post_list_month(FX->db, &FX->a, FX->now, from, to,
	    300, 100, &p, &n), 0);
	assert_int_equal(n, 0);
	/* Another month, and a month with none. */
	assert_int_equal(db_archive_count(FX->db, FX->now, 201206, 1338508800LL,
	    from, &count), 0);
	assert_int_equal(count, 0);
	/* A scheduled article of the month is counted and listed from its
	 * time on, not before. */
	dbfile_exec(FX->path, "UPDATE articles SET published_at = 1343700000"
	    " WHERE slug = 'bulk-1'");
	assert_int_equal(db_archive_count(FX->db, 1343600000LL, 201207, from,
	    to, &count), 0);
	assert_int_equal(count, 250);
	assert_int_equal(db_archive_count(FX->db, 1343700000LL, 201207, from,
	    to, &count), 0);
	assert_int_equal(count, 251);
	assert_int_equal(db_post_list_month(FX->db, &FX->a, 1343600000LL, from,
	    to, 0, 100, &p, &n), 0);
	assert_int_equal(n, 100);
	assert_true(p[0].published_at < 1343600000LL);
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
		WITH(archive_months_demo, setup_demo),
		WITH(archive_months_triggers, setup_demo),
		WITH(archive_month_pages, setup_demo),
		WITH(neighbours, setup_demo),
		WITH(page_by_slug, setup_demo),
		WITH(migrate_twice, setup_demo),
		WITH(migrate_fresh, setup_open),
		WITH(migrate_refuses_newer, setup_path),
		WITH(load_demo_twice, setup_demo),
		WITH(load_demo_not_empty, setup_migrated),
		cmocka_unit_test(open_missing),
		WITH(users, setup_migrated),
		WITH(user_passwd_ends_sessions, setup_migrated),
		WITH(user_del_cascades, setup_migrated),
		WITH(sessions, setup_migrated),
		WITH(failures, setup_migrated),
		WITH(failure_try_limit, setup_migrated),
		WITH(secret_once, setup_migrated),
		WITH(post_save_article, setup_migrated),
		WITH(post_save_scheduled, setup_migrated),
		WITH(post_save_duplicate, setup_migrated),
		WITH(post_save_page, setup_migrated),
		WITH(post_delete, setup_migrated),
		WITH(admin_articles, setup_migrated),
		WITH(admin_articles_demo, setup_demo),
		WITH(admin_pages_demo, setup_demo),
		WITH(settings_round_trip, setup_migrated),
		WITH(settings_share_defaults_demo, setup_demo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
