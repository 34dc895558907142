/*
 * test_redirect: the path rules of redirect.c and route_slot(), from
 * tests/unit/cases/redirect.txt, and redirects in the database
 * (db_redirect.c, the save's transaction in db_post.c, the cascade)
 * against a fresh file in /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dbfile.h"
#include "unescape.h"
#include "db.h"
#include "db_migrate.h"
#include "db_post.h"
#include "db_redirect.h"
#include "redirect.h"
#include "route.h"

#define CASES	"tests/unit/cases/redirect.txt"
#define T0	1304330400LL	/* 2011-05-02 10:00 UTC */
#define NOW	1767225600LL	/* 2026-01-01 */

static char		 path[64];
static struct db	*db;
static struct arena	 A;

static const char *
dash(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : s;
}

/* One case: NULL if it holds, else what was got. */
static const char *
one(char *in, const char *want)
{
	static const char *const slots[] = { "free", "own", "article",
	    "page" };
	struct redirect_facts	 f;
	enum redirect_end	 end;
	const char		*got, *slug, *msg;
	char			*w[5];
	int			 i;

	if (strncmp(in, "url ", 4) == 0)
		got = redirect_path_url(&A, in + 4);
	else if (strncmp(in, "slot ", 5) == 0)
		got = slots[route_slot(&A, in + 5, &slug)];
	else if (strncmp(in, "refuse ", 7) == 0) {
		for (i = 0, in += 7; i < 5; i++)
			w[i] = strsep(&in, " ");
		if (w[4] == NULL)
			return "malformed refuse line";
		f.from_goes = dash(w[2]);
		f.to_goes = dash(w[3]);
		f.from_comes = dash(w[4]);
		msg = redirect_refusal(&A, w[0], w[1], &f, &end);
		got = msg == NULL ? "ok" : end == RE_TO ? "to" : "from";
		if (msg != NULL && *msg == '\0')
			return "an empty message";
	} else {
		msg = redirect_path_valid(in);
		got = redirect_path_norm(&A, in);
		if ((msg == NULL) != (got != NULL))
			return "redirect_path_valid and _norm disagree";
		if (got == NULL)
			got = "error";
	}
	return strcmp(got, want) == 0 ? NULL : got;
}

static void
rule_cases(void **state)
{
	FILE		*f;
	char		 line[4096], *sep, *want;
	const char	*got;
	size_t		 len;
	int		 ln = 0, cases = 0, bad = 0;

	(void)state;
	if ((f = fopen(CASES, "r")) == NULL)
		fail_msg("%s: cannot open (run from the repository's root)",
		    CASES);
	while (fgets(line, sizeof(line), f) != NULL) {
		ln++;
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (strncmp(line, "=> ", 3) == 0) {
			line[0] = '\0';
			want = line + 3;
		} else if ((sep = strstr(line, " => ")) != NULL) {
			*sep = '\0';
			want = sep + 4;
		} else {
			print_error("%s:%d: no \" => \"\n", CASES, ln);
			bad++;
			continue;
		}
		case_unescape(line);
		case_unescape(want);
		cases++;
		if ((got = one(line, want)) != NULL) {
			print_error("%s:%d: \"%s\": got \"%s\", want \"%s\"\n",
			    CASES, ln, line, got, want);
			bad++;
		}
	}
	fclose(f);
	arena_reset(&A);
	if (cases < 80)
		fail_msg("%s: only %d cases read", CASES, cases);
	assert_int_equal(bad, 0);
}

static int
setup(void **state)
{
	(void)state;
	return (db = dbfile_open(path, sizeof(path), "redirect")) != NULL ? 0 : -1;
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

static struct post
article(const char *slug, const char *status, long long at)
{
	struct post	 p;

	memset(&p, 0, sizeof(p));
	p.kind = POST_ARTICLE;
	p.slug = slug;
	p.title = slug;
	p.excerpt = p.body = p.author = "";
	p.status = status;
	p.has_date = 1;
	p.published_at = at;
	assert_int_equal(db_post_save(db, &p, NOW), DB_SAVED);
	return p;
}

/* Where a GET of path goes: the article's address, the target, "404" or
 * "none". */
static const char *
goes(const char *p)
{
	struct redirect	 r;
	int		 rc;

	rc = db_redirect_find(db, &A, p, NOW, &r);
	assert_int_not_equal(rc, -1);
	if (rc == 0)
		return "none";
	if (r.target != NULL)
		return r.target;
	return r.visible ? post_path(&A, &r.article) : "404";
}

static void
automatic(void **state)
{
	struct post	 a, b, stale;
	struct redirect	*v;
	size_t		 n;

	(void)state;
	a = article("first", "published", T0);
	assert_string_equal(goes("/2011/05/first"), "none");
	/* An edit that keeps the address records nothing. */
	a.title = "First, retitled";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_int_equal(db_redirect_list(db, &A, NOW, &v, &n), 0);
	assert_int_equal(n, 0);
	a.slug = "second";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/05/first"), "/2011/05/second");
	a.published_at = T0 + 40 * 86400;	/* June */
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	a.slug = "third";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	/* Every old address goes straight to the current one. */
	assert_string_equal(goes("/2011/05/first"), "/2011/06/third");
	assert_string_equal(goes("/2011/05/second"), "/2011/06/third");
	assert_string_equal(goes("/2011/06/second"), "/2011/06/third");
	assert_string_equal(goes("/2011/06/third"), "none");
	/* A conflict stores nothing. */
	stale = a;
	stale.revision = 1;
	stale.slug = "fourth";
	assert_int_equal(db_post_save(db, &stale, NOW), DB_CONFLICT);
	assert_string_equal(goes("/2011/06/third"), "none");
	/* Back to an old address: that redirect is dropped. */
	a.slug = "second";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/06/second"), "none");
	assert_string_equal(goes("/2011/06/third"), "/2011/06/second");
	/* Another article taking an old address wins it. */
	b = article("first", "published", T0);
	assert_string_equal(goes("/2011/05/first"), "none");
	/* Unpublished: 404; a draft moved records nothing. */
	a.status = "draft";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/06/third"), "404");
	a.slug = "draft-slug";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/06/second"), "404");
	assert_string_equal(goes("/2011/06/draft-slug"), "none");
	/* Deleted: gone. */
	assert_int_equal(db_post_delete(db, POST_ARTICLE, a.id, NOW), 1);
	assert_int_equal(db_redirect_list(db, &A, NOW, &v, &n), 0);
	assert_int_equal(n, 0);
	(void)b;
}

static void
manual(void **state)
{
	const char		*why;
	enum redirect_end	 end;
	struct post		 a;
	long long		 id;
	struct redirect		 r;

	(void)state;
	assert_int_equal(db_redirect_add(db, &A, "/old", "/new", NOW, &why,
	    &end), 1);
	assert_string_equal(goes("/old"), "/new");
	/* Loop, chain both ways, source taken: refused, nothing stored. */
	assert_int_equal(db_redirect_add(db, &A, "/new", "/old", NOW, &why,
	    &end), 0);
	assert_non_null(strstr(why, "loop"));
	assert_int_equal(end, RE_TO);
	assert_int_equal(db_redirect_add(db, &A, "/x", "/old", NOW, &why,
	    &end), 0);
	assert_non_null(strstr(why, "/old is itself redirected to /new"));
	assert_int_equal(db_redirect_add(db, &A, "/new", "/z", NOW, &why,
	    &end), 0);
	assert_non_null(strstr(why, "/old already redirects to /new"));
	assert_int_equal(end, RE_FROM);
	assert_int_equal(db_redirect_add(db, &A, "/old", "/z", NOW, &why,
	    &end), 0);
	assert_string_equal(goes("/x"), "none");
	assert_string_equal(goes("/new"), "none");
	/* A target that is an article's old address is a chain too. */
	a = article("moving", "published", T0);
	a.slug = "moved";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_int_equal(db_redirect_add(db, &A, "/y", "/2011/05/moving",
	    NOW, &why, &end), 0);
	assert_non_null(strstr(why, "/2011/05/moved"));
	/* An article saved at a manual source takes it over when it moves. */
	assert_int_equal(db_redirect_add(db, &A, "/2011/05/here", "/new",
	    NOW, &why, &end), 1);
	a.slug = "here";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/05/here"), "none");
	a.slug = "gone";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(goes("/2011/05/here"), "/2011/05/gone");
	/* Delete. */
	assert_int_equal(db_redirect_find(db, &A, "/old", NOW, &r), 1);
	id = r.id;
	assert_int_equal(db_redirect_delete(db, id), 1);
	assert_int_equal(db_redirect_delete(db, id), 0);
	assert_string_equal(goes("/old"), "none");
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(rule_cases),
		cmocka_unit_test_setup_teardown(automatic, setup, teardown),
		cmocka_unit_test_setup_teardown(manual, setup, teardown),
	};
	int			 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
