/*
 * test_port: port_import() (port.c) against a fresh file in /tmp: one
 * transaction for the whole set (a save inside it is a savepoint, db.c),
 * the file wins, importing twice changes nothing, a missing date keeps
 * the stored one, aliases become redirects and are not added twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "dbfile.h"
#include "db.h"
#include "db_port.h"
#include "db_post.h"
#include "db_redirect.h"
#include "port.h"

#define NOW	1767225600LL	/* 2026-01-01 */
#define T1	1709288430LL	/* 2024-03-01 10:20:30 UTC */

static char		 path[64];
static struct db	*db;
static struct arena	 A;

static int
setup(void **state)
{
	(void)state;
	return (db = dbfile_open(path, sizeof(path), "port")) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	dbfile_close(db, path);
	db = NULL;
	arena_reset(&A);
	return 0;
}

static const char *tags[] = { "Astronomy", "gear" };
static const char *aliases[] = { "/old/first-light", "/?p=12" };

/* A set of one article and one page, as a reader would fill it. */
static void
fill(struct port_set *s)
{
	struct port_item	*it;

	memset(s, 0, sizeof(*s));
	it = port_set_add(&A, s);
	it->kind = POST_ARTICLE;
	it->title = "First light";
	it->body = "Body.";
	it->status = "published";
	it->has_date = 1;
	it->published_at = T1;
	it->has_updated = 1;
	it->updated_at = T1 + 60;
	it->tags = tags;
	it->ntags = 2;
	it->aliases = aliases;
	it->naliases = 2;
	it->source = "first.md";
	it->line = 1;
	it = port_set_add(&A, s);
	it->kind = POST_PAGE;
	it->title = "About";
	it->body = "Me.";
	it->status = "published";
	it->source = "pages/about.md";
	it->line = 1;
}

static struct post
stored(enum post_kind kind, const char *slug)
{
	struct post	 p;
	long long	 id = 0;

	assert_int_equal(db_port_find(db, kind, slug, &id), 1);
	assert_int_equal(db_post_by_id(db, &A, kind, id, &p), 1);
	return p;
}

static void
twice(void **state)
{
	struct port_set		 s;
	struct port_report	 r;
	struct redirect		 rd;
	struct post		 p;
	const char		*why = "x";

	fill(&s);
	assert_int_equal(port_import(db, &A, &s, NOW, 0, &r, &why), 0);
	assert_null(why);
	assert_int_equal(r.created, 2);
	assert_int_equal(r.redirects, 2);	/* WordPress's /?p=12 too */
	assert_int_equal(s.items[0].nnotes, 0);
	p = stored(POST_ARTICLE, "first-light");
	assert_int_equal(p.published_at, T1);
	assert_int_equal(p.updated_at, T1 + 60);
	assert_int_equal(p.revision, 1);
	/* An article's old address follows the article (automatic). */
	assert_int_equal(db_redirect_find(db, &A, "/old/first-light", NOW,
	    &rd), 1);
	assert_null(rd.target);
	assert_true(rd.has_article && rd.visible);
	assert_string_equal(post_path(&A, &rd.article), "/2024/03/first-light");
	assert_int_equal(db_redirect_find(db, &A, "/?p=12", NOW, &rd), 1);
	assert_string_equal(post_path(&A, &rd.article), "/2024/03/first-light");

	fill(&s);
	assert_int_equal(port_import(db, &A, &s, NOW + 10, 0, &r, &why), 0);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.updated, 0);
	assert_int_equal(r.unchanged, 2);
	assert_int_equal(r.redirects, 0);
	assert_int_equal(r.redirects_same, 2);
	assert_int_equal(stored(POST_ARTICLE, "first-light").revision, 1);

	/* The file wins: a new body and date update the post, and the alias
	 * follows it to its new address. */
	fill(&s);
	s.items[0].body = "New body.";
	s.items[0].published_at = T1 + 86400 * 31;
	s.items[0].has_updated = 0;
	assert_int_equal(port_import(db, &A, &s, NOW + 20, 0, &r, &why), 0);
	assert_int_equal(r.updated, 1);
	assert_int_equal(r.unchanged, 1);
	assert_int_equal(r.redirects, 0);	/* they followed it */
	assert_int_equal(r.redirects_same, 2);
	p = stored(POST_ARTICLE, "first-light");
	assert_string_equal(p.body, "New body.");
	assert_int_equal(p.revision, 2);
	assert_int_equal(p.updated_at, NOW + 20);
	assert_int_equal(db_redirect_find(db, &A, "/old/first-light", NOW,
	    &rd), 1);
	assert_string_equal(post_path(&A, &rd.article), "/2024/04/first-light");
	/* ...and its March address is one too (the save's own). */
	assert_int_equal(db_redirect_find(db, &A, "/2024/03/first-light",
	    NOW, &rd), 1);

	/* No date in the file: the stored one stays, nothing changes. */
	fill(&s);
	s.items[0].body = "New body.";
	s.items[0].has_date = 0;
	s.items[0].has_updated = 0;
	s.items[0].naliases = 0;
	assert_int_equal(port_import(db, &A, &s, NOW + 30, 0, &r, &why), 0);
	assert_int_equal(r.unchanged, 2);
	assert_int_equal(stored(POST_ARTICLE, "first-light").published_at,
	    T1 + 86400 * 31);
}

static void
all_or_nothing(void **state)
{
	struct port_set		 s;
	struct port_report	 r;
	struct port_pair	 loop[2];
	struct redirect		 rd;
	long long		 id;
	const char		*why = NULL;

	/* Every post is saved (each its own savepoint) before the
	 * redirects; the loop refused at the end takes them all back. */
	fill(&s);
	memset(loop, 0, sizeof(loop));
	loop[0].source = "redirects.yaml";
	loop[0].line = 1;
	loop[0].key = "/a";
	loop[0].value = "/b";
	loop[1].key = "/b";
	loop[1].value = "/a";
	loop[1].source = "redirects.yaml";
	loop[1].line = 2;
	s.redirects = loop;
	s.nredirects = 2;
	assert_int_equal(port_import(db, &A, &s, NOW, 0, &r, &why), -1);
	assert_non_null(why);
	assert_memory_equal(why, "redirects.yaml:2: redirect /b -> /a", 35);
	assert_int_equal(db_port_find(db, POST_ARTICLE, "first-light", &id), 0);
	assert_int_equal(db_port_find(db, POST_PAGE, "about", &id), 0);
	assert_int_equal(db_redirect_find(db, &A, "/a", NOW, &rd), 0);

	/* A rule broken: refused before anything is written. */
	fill(&s);
	s.items[1].title = "";
	assert_int_equal(port_import(db, &A, &s, NOW, 0, &r, &why), -1);
	assert_string_equal(why, "pages/about.md:1: no title");
	assert_int_equal(db_port_find(db, POST_ARTICLE, "first-light", &id), 0);

	/* Afterwards the connection takes a plain transaction again. */
	fill(&s);
	assert_int_equal(port_import(db, &A, &s, NOW, 0, &r, &why), 0);
	assert_int_equal(r.created, 2);
}

static void
nested(void **state)
{
	struct post	 p;
	long long	 id;

	/* An inner commit is kept only if the outer one commits. */
	memset(&p, 0, sizeof(p));
	p.kind = POST_PAGE;
	p.slug = "inner";
	p.title = "Inner";
	p.body = "";
	p.status = "draft";
	assert_int_equal(db_port_begin(db), 0);
	assert_int_equal(db_post_save(db, &p, NOW), DB_SAVED);
	assert_int_equal(db_port_find(db, POST_PAGE, "inner", &id), 1);
	db_port_rollback(db);
	assert_int_equal(db_port_find(db, POST_PAGE, "inner", &id), 0);
	p.id = 0;
	assert_int_equal(db_port_begin(db), 0);
	assert_int_equal(db_post_save(db, &p, NOW), DB_SAVED);
	assert_int_equal(db_port_commit(db), 0);
	assert_int_equal(db_port_find(db, POST_PAGE, "inner", &id), 1);
	/* A failing inner save undoes its own part only. */
	p.id = 0;
	assert_int_equal(db_port_begin(db), 0);
	assert_int_equal(db_post_save(db, &p, NOW), DB_DUPLICATE);
	p.id = 0;
	p.slug = "second";
	assert_int_equal(db_post_save(db, &p, NOW), DB_SAVED);
	assert_int_equal(db_port_commit(db), 0);
	assert_int_equal(db_port_find(db, POST_PAGE, "second", &id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(twice, setup, teardown),
		cmocka_unit_test_setup_teardown(all_or_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(nested, setup, teardown),
	};
	int	 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
