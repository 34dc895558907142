/*
 * test_search_db: db_search's statements against a fresh file in /tmp:
 * the search window (db_search.h) of a word in more than SEARCH_WINDOW
 * articles, and the ranking inside it (quire_rank()).
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
#include "db_search.h"
#include "search.h"

#define NOW	1767225600LL	/* 2026-01-01 */

static char		 path[64];
static struct db	*db;

static int
setup(void **state)
{
	(void)state;
	return (db = dbfile_open(path, sizeof(path), "search")) != NULL ?
	    0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	dbfile_close(db, path);
	db = NULL;
	return 0;
}

/* n published articles with "kettle" once in the body, ids 1..n, one a
 * day from 2001 on; their triggers fill the index. */
static void
articles(int n)
{
	char	 sql[1024];

	snprintf(sql, sizeof(sql),
	    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
	    " WHERE i < %d) INSERT INTO articles (slug, title, body, status,"
	    " published_at, created_at, updated_at) SELECT 'a-' || i,"
	    " 'Article ' || i, 'Some words and a kettle, more words here.',"
	    " 'published', 978307200 + i * 86400, 0, 0 FROM k", n);
	dbfile_exec(path, sql);
}

static void
search(const char *q, struct db_stamp *st, struct search_hit **h,
    size_t *n, struct arena *a)
{
	struct search_query	 sq;

	search_build(a, q, &sq);
	assert_non_null(sq.fts);
	assert_int_equal(db_search_stamp(db, sq.fts, NOW, st), 1);
	assert_int_equal(db_search_page(db, a, sq.fts, NOW, st->floor, 10, 0,
	    h, n), 0);
}

/* Fewer matches than the window: all of them, bm25 order, no floor. */
static void
small_site_ranks_all(void **state)
{
	struct arena		 a;
	struct db_stamp		 st;
	struct search_hit	*h;
	size_t			 n;

	(void)state;
	arena_init(&a);
	articles(50);
	dbfile_exec(path, "UPDATE articles SET title = 'The kettle' WHERE"
	    " id = 7");
	search("kettle", &st, &h, &n, &a);
	assert_int_equal(st.floor, 0);
	assert_int_equal(st.rows, 50);
	assert_int_equal(n, 10);
	assert_int_equal(h[0].p.id, 7);		/* the title weighs 10 */
	arena_free(&a);
}

/* A word in more articles than the window: the SEARCH_WINDOW newest
 * ranked, the best of them first, and an old article, however good a
 * match, outside; a rare word in the same index still finds its old
 * article. */
static void
common_word_ranks_the_window(void **state)
{
	struct arena		 a;
	struct db_stamp		 st;
	struct search_hit	*h;
	size_t			 n, i;
	int			 total = SEARCH_WINDOW + 200;

	(void)state;
	arena_init(&a);
	articles(total);
	dbfile_exec(path, "UPDATE articles SET title = 'Kettle kettle' WHERE"
	    " id IN (3, 1150)");
	dbfile_exec(path, "UPDATE articles SET body = body || ' teapot' WHERE"
	    " id = 3");
	search("kettle", &st, &h, &n, &a);
	assert_int_equal(st.floor, total - SEARCH_WINDOW + 1);
	assert_int_equal(st.rows, SEARCH_WINDOW);
	assert_int_equal(n, 10);
	assert_int_equal(h[0].p.id, 1150);	/* in the window, titled */
	for (i = 0; i < n; i++)
		assert_true(h[i].p.id >= st.floor);
	/* Then those alike, newest first. */
	assert_int_equal(h[1].p.id, total);
	assert_int_equal(h[2].p.id, total - 1);

	search("teapot", &st, &h, &n, &a);
	assert_int_equal(st.floor, 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].p.id, 3);
	arena_free(&a);
}

/* A scheduled or draft article is not shown, and takes no place in the
 * window: it still holds SEARCH_WINDOW articles readers can see. */
static void
window_shows_only_visible(void **state)
{
	struct arena		 a;
	struct db_stamp		 st;
	struct search_hit	*h;
	size_t			 n;
	int			 total = SEARCH_WINDOW + 10;

	(void)state;
	arena_init(&a);
	articles(total);
	dbfile_exec(path, "UPDATE articles SET status = 'draft' WHERE"
	    " id = (SELECT max(id) FROM articles)");
	dbfile_exec(path, "UPDATE articles SET published_at = 2000000000"
	    " WHERE id = (SELECT max(id) - 1 FROM articles)");
	search("kettle", &st, &h, &n, &a);
	assert_int_equal(st.rows, SEARCH_WINDOW);
	assert_int_equal(st.floor, total - 2 - SEARCH_WINDOW + 1);
	assert_int_equal(h[0].p.id, total - 2);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(small_site_ranks_all, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(common_word_ranks_the_window,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(window_shows_only_visible,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
