/*
 * test_stamp: the conditional-GET stamps of db_stamp.c against a fresh
 * file in /tmp. A stamp's key must change whenever what its page shows
 * changes, stay put when it does not, and never be shared by two
 * different row sets (the stamp_hash() aggregate, run under ASan+UBSan
 * as every unit test is).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "arena.h"
#include "dbfile.h"
#include "db.h"
#include "db_migrate.h"
#include "db_post.h"
#include "db_setting.h"
#include "db_stamp.h"

#define T_2011_05_02	1304330400LL	/* 10:00 UTC */
#define T_2011_05_01	1304208000LL
#define T_2011_06_01	1306886400LL
#define NOW		1767225600LL	/* 2026-01-01 */

static char		 path[64];
static struct db	*db;

static int
setup(void **state)
{
	(void)state;
	return (db = dbfile_open(path, sizeof(path), "stamp")) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	dbfile_close(db, path);
	db = NULL;
	return 0;
}

/* A published article of May 2011. */
static long long
publish(const char *slug, const char *title, long long at)
{
	struct post	 p;

	memset(&p, 0, sizeof(p));
	p.kind = POST_ARTICLE;
	p.slug = slug;
	p.title = title;
	p.excerpt = p.body = p.author = "";
	p.status = "published";
	p.has_date = 1;
	p.published_at = at;
	assert_int_equal(db_post_save(db, &p, NOW), DB_SAVED);
	return p.id;
}

static void
retitle(long long id, const char *title)
{
	struct arena	 a;
	struct post	 p;

	arena_init(&a);
	assert_int_equal(db_post_by_id(db, &a, POST_ARTICLE, id, &p), 1);
	p.title = title;
	assert_int_equal(db_post_save(db, &p, NOW + 1), DB_SAVED);
	arena_free(&a);
}

static const char *
changed_at(struct arena *a)
{
	struct settings	 s;

	assert_int_equal(db_setting_load(db, a, &s), 0);
	return s.v[SET_CHANGED_AT];
}

static void
month(struct db_stamp *s)
{
	assert_int_equal(db_stamp_range(db, NOW, T_2011_05_01, T_2011_06_01,
	    s), 1);
}

/* Same rows, same key; a new title, a new key; the home page too. */
static void
stamp_moves_with_content(void **state)
{
	struct db_stamp	 s1, s2, h1, h2;
	long long	 b;

	(void)state;
	publish("a", "A", T_2011_05_02);
	b = publish("b", "B", T_2011_05_02 + 60);
	month(&s1);
	month(&s2);
	assert_int_equal(s1.rows, 2);
	assert_memory_equal(s1.key, s2.key, DB_STAMP_KEY);
	assert_int_equal(db_stamp_home(db, NOW, NOW + 1, 0, 10, &h1), 1);
	assert_int_equal(h1.rows, 2);

	retitle(b, "B, retitled");
	month(&s2);
	assert_memory_not_equal(s1.key, s2.key, DB_STAMP_KEY);
	assert_int_equal(db_stamp_home(db, NOW, NOW + 1, 0, 10, &h2), 1);
	assert_memory_not_equal(h1.key, h2.key, DB_STAMP_KEY);
}

/*
 * An article deleted and another written in its place at the same time,
 * edited as often: a different row set, so a different key, even where
 * the database could hand the new row the old one's id.
 */
static void
stamp_no_reuse(void **state)
{
	struct db_stamp	 before, after;
	long long	 b, c;

	(void)state;
	publish("a", "A", T_2011_05_02);
	b = publish("b", "B", T_2011_05_02 + 60);
	retitle(b, "B2");
	month(&before);
	assert_int_equal(db_post_delete(db, POST_ARTICLE, b, NOW), 1);
	c = publish("c", "C", T_2011_05_02 + 60);
	retitle(c, "C2");
	month(&after);
	assert_int_equal(after.rows, 2);
	assert_memory_not_equal(before.key, after.key, DB_STAMP_KEY);
}

/* Saving and deleting note the time they were given (quire's clock, not
 * SQLite's) as the site's changed_at. */
static void
changed_at_from_caller(void **state)
{
	struct arena	 a;
	struct post	 p;
	long long	 id;
	char		*v;

	(void)state;
	arena_init(&a);
	id = publish("a", "A", T_2011_05_02);
	v = sqlite3_mprintf("%lld", NOW);
	assert_string_equal(changed_at(&a), v);
	sqlite3_free(v);
	assert_int_equal(db_post_by_id(db, &a, POST_ARTICLE, id, &p), 1);
	assert_int_equal(db_post_delete(db, POST_ARTICLE, id, 1234567890), 1);
	assert_string_equal(changed_at(&a), "1234567890");
	/* Nothing deleted, nothing changed. */
	assert_int_equal(db_post_delete(db, POST_ARTICLE, id, 1300000000), 0);
	assert_string_equal(changed_at(&a), "1234567890");
	arena_free(&a);
}

/* The home page's Older link is part of the page: an older article
 * published changes the first page's key though its rows stay. */
static void
home_older_link(void **state)
{
	struct db_stamp	 s1, s2;

	(void)state;
	publish("new", "New", T_2011_05_02 + 60);
	assert_int_equal(db_stamp_home(db, NOW, NOW + 1, 0, 1, &s1), 1);
	assert_int_equal(s1.rows, 1);
	publish("old", "Old", T_2011_05_02);
	assert_int_equal(db_stamp_home(db, NOW, NOW + 1, 0, 1, &s2), 1);
	assert_int_equal(s2.rows, 2);
	assert_memory_not_equal(s1.key, s2.key, DB_STAMP_KEY);
	assert_int_equal(s1.last_mod, s2.last_mod);
}

/* The stamp an article's page makes from its own rows is the stamp of
 * the query conditional requests run: at both ends of the archive, in the
 * middle, and after a neighbour's title or body changes. */
static void
article_stamp_from_rows(void **state)
{
	static const char *const slug[] = { "first", "middle", "last" };
	struct db_stamp	 q, r;
	struct arena	 a;
	struct post	 p, older, newer;
	size_t		 i, round;
	int		 no, nn;

	(void)state;
	arena_init(&a);
	publish("first", "First", T_2011_05_02);
	publish("middle", "Middle", T_2011_05_02 + 60);
	publish("last", "Last", T_2011_05_02 + 120);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 3; i++) {
			assert_int_equal(db_post_article(db, &a, slug[i], NOW,
			    &p), 1);
			no = db_post_neighbour(db, &a, &p, NOW, 1, &older);
			nn = db_post_neighbour(db, &a, &p, NOW, 0, &newer);
			assert_true(no >= 0 && nn >= 0);
			assert_int_equal(db_stamp_article(db, slug[i], NOW, &q),
			    1);
			db_stamp_article_of(&p, no ? &older : NULL, nn ?
			    &newer : NULL, &r);
			assert_memory_equal(q.key, r.key, DB_STAMP_KEY);
			assert_int_equal(q.last_mod, r.last_mod);
			assert_int_equal(q.published_at, r.published_at);
			assert_int_equal(q.id, r.id);
		}
		/* A title moves list_rev and revision; a body, revision
		 * alone (the neighbours' stamps keep list_rev). */
		assert_int_equal(db_post_article(db, &a, "first", NOW, &p), 1);
		retitle(p.id, "First, retitled");
		assert_int_equal(db_post_article(db, &a, "last", NOW, &p), 1);
		p.body = "A new body.";
		assert_int_equal(db_post_save(db, &p, NOW + 2), DB_SAVED);
	}
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(home_older_link, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(article_stamp_from_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(stamp_moves_with_content,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(stamp_no_reuse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(changed_at_from_caller, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
