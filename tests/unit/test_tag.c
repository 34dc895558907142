/*
 * test_tag: the tag rules of tag.c, from tests/unit/cases/tag.txt, and
 * tags in the database (db_tag.c, db_post_save_tags(), the schema's
 * cascade and orphan trigger, visibility, paging, stamps) against a fresh
 * file in /tmp.
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
#include "unescape.h"
#include "db.h"
#include "db_migrate.h"
#include "db_post.h"
#include "db_tag.h"
#include "route.h"
#include "tag.h"

#define CASES	"tests/unit/cases/tag.txt"
#define T0	1304330400LL	/* 2011-05-02 10:00 UTC */
#define NOW	1767225600LL	/* 2026-01-01 */

static char		 path[64];
static struct db	*db;
static struct arena	 A;

/* The tags as the case file writes them: "NAME|SLUG, NAME|SLUG". */
static char *
show(struct arena *a, const struct tag *t, size_t n)
{
	char	*s = arena_strdup(a, "");
	size_t	 i;

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s|%s", s, i > 0 ? ", " : "",
		    t[i].name, t[i].slug);
	return s;
}

static void
rule_cases(void **state)
{
	FILE		*f;
	char		 line[4096], *sep, *in, *want, *got;
	struct tag	*t;
	size_t		 n, len;
	const char	*msg;
	int		 ln = 0, cases = 0, bad = 0, yes;

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
		if ((sep = strstr(line, " => ")) == NULL &&
		    strncmp(line, "=> ", 3) != 0) {
			print_error("%s:%d: no \" => \"\n", CASES, ln);
			bad++;
			continue;
		}
		if (sep == NULL) {
			sep = line;
			*sep = '\0';
			want = line + 3;
		} else {
			*sep = '\0';
			want = sep + 4;
		}
		in = line;
		case_unescape(in);
		case_unescape(want);
		cases++;
		if (strncmp(in, "slug ", 5) == 0) {
			yes = tag_slug_valid(in + 5, strlen(in + 5));
			if (strcmp(want, yes ? "yes" : "no") != 0) {
				print_error("%s:%d: slug \"%s\": got %s\n",
				    CASES, ln, in + 5, yes ? "yes" : "no");
				bad++;
			}
			continue;
		}
		msg = tag_parse(&A, in, &t, &n);
		got = msg != NULL ? "error" : n == 0 ? "none" : show(&A, t, n);
		if (strcmp(got, want) != 0) {
			print_error("%s:%d: \"%s\": got \"%s\", want \"%s\"\n",
			    CASES, ln, in, got, want);
			bad++;
		}
		/* The edge's check agrees with the parser. */
		if ((tag_check(in) == NULL) != (msg == NULL)) {
			print_error("%s:%d: tag_check disagrees\n", CASES, ln);
			bad++;
		}
		/* Every slug made is one the route takes. */
		for (n = msg == NULL ? n : 0; n > 0; n--)
			if (!tag_slug_valid(t[n - 1].slug,
			    strlen(t[n - 1].slug))) {
				print_error("%s:%d: slug %s not routable\n",
				    CASES, ln, t[n - 1].slug);
				bad++;
			}
	}
	fclose(f);
	arena_reset(&A);
	if (cases < 40)
		fail_msg("%s: only %d cases read", CASES, cases);
	assert_int_equal(bad, 0);
}

static void
join(void **state)
{
	struct tag	 t[2] = { { "Café", "café" }, { "Go", "go" } };

	(void)state;
	assert_string_equal(tag_join(&A, t, 2), "Café, Go");
	assert_string_equal(tag_join(&A, t, 0), "");
	arena_reset(&A);
}

/* No static page can take a tag page's address. */
static void
reserved(void **state)
{
	(void)state;
	assert_true(route_reserved("tag"));
	assert_true(route_reserved("tags"));
	assert_false(route_reserved("tagged"));
}

static int
setup(void **state)
{
	(void)state;
	return (db = dbfile_open(path, sizeof(path), "tag")) != NULL ? 0 : -1;
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

/* An article with the field's tags: published at `at`, or a draft. */
static struct post
article(const char *slug, const char *status, long long at,
    const char *field)
{
	struct post	 p;
	struct tag	*t;
	size_t		 n;

	memset(&p, 0, sizeof(p));
	p.kind = POST_ARTICLE;
	p.slug = slug;
	p.title = slug;
	p.excerpt = p.body = p.author = "";
	p.status = status;
	p.has_date = strcmp(status, "published") == 0;
	p.published_at = at;
	assert_null(tag_parse(&A, field, &t, &n));
	assert_int_equal(db_post_save_tags(db, &A, &p, t, n, NOW), DB_SAVED);
	return p;
}

static void
retag(struct post *p, const char *field)
{
	struct tag	*t;
	size_t		 n;

	assert_null(tag_parse(&A, field, &t, &n));
	assert_int_equal(db_post_save_tags(db, &A, p, t, n, NOW), DB_SAVED);
}

static char *
tags_of(long long id)
{
	struct tag	*t;
	size_t		 n;

	assert_int_equal(db_tag_of_article(db, &A, id, &t, &n), 0);
	return tag_join(&A, t, n);
}

static long long
tag_id(const char *slug)
{
	struct db_tag	 t;
	int		 rc;

	assert_int_not_equal(rc = db_tag_by_slug(db, &A, slug, &t), -1);
	return rc == 1 ? t.id : 0;
}

static void
save_replace_delete(void **state)
{
	struct post	 a, b;
	struct tag	 many[TAG_PER_ARTICLE + 1];
	struct post	 c;
	long long	 go;
	size_t		 i;

	(void)state;
	a = article("a", "published", T0, "Go, Café, 日本語");
	assert_string_equal(tags_of(a.id), "Café, Go, 日本語");
	go = tag_id("go");
	assert_true(go > 0);
	assert_true(tag_id("café") > 0);

	/* The first spelling stays: "CAFÉ" is the tag "Café". */
	b = article("b", "published", T0 + 1, "CAFÉ, go");
	assert_string_equal(tags_of(b.id), "Café, Go");

	/* Replacing: a kept tag keeps its id; one no article carries goes. */
	retag(&a, "go, Rust");
	assert_string_equal(tags_of(a.id), "Go, Rust");
	assert_int_equal(tag_id("go"), go);
	assert_int_equal(tag_id("日本語"), 0);
	assert_true(tag_id("café") > 0);	/* b still has it */

	/* db_post_save() leaves the tags alone. */
	a.title = "A again";
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_string_equal(tags_of(a.id), "Go, Rust");

	/* Removing every tag. */
	retag(&a, "");
	assert_string_equal(tags_of(a.id), "");
	assert_int_equal(tag_id("rust"), 0);

	/* Deleting b cascades to its links and its orphans. */
	assert_int_equal(db_post_delete(db, POST_ARTICLE, b.id, NOW), 1);
	assert_string_equal(tags_of(b.id), "");
	assert_int_equal(tag_id("café"), 0);
	assert_int_equal(tag_id("go"), 0);

	/* A failing tag save undoes the article's save: one transaction. */
	for (i = 0; i < TAG_PER_ARTICLE + 1; i++) {
		many[i].name = arena_printf(&A, "t%zu", i);
		many[i].slug = many[i].name;
	}
	memset(&c, 0, sizeof(c));
	c.kind = POST_ARTICLE;
	c.slug = c.title = "c";
	c.excerpt = c.body = c.author = "";
	c.status = "draft";
	assert_int_equal(db_post_save_tags(db, &A, &c, many,
	    TAG_PER_ARTICLE + 1, NOW), -1);
	assert_int_equal(c.id, 0);
	assert_int_equal(db_post_by_id(db, &A, POST_ARTICLE, 3, &c), 0);
	assert_int_equal(tag_id("t0"), 0);
}

static void
visible_only(void **state)
{
	struct db_tag	*t;
	size_t		 n;

	(void)state;
	article("old", "published", T0, "Books, Cities");
	article("new", "published", T0 + 100, "books");
	article("draft", "draft", 0, "Books, Drafts");
	article("later", "published", NOW + 3600, "Books, Futures");

	assert_int_equal(db_tag_visible(db, &A, NOW, &t, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].name, "Books");
	assert_int_equal(t[0].count, 2);
	assert_int_equal(t[0].last_mod, NOW);	/* saved at NOW */
	assert_string_equal(t[1].name, "Cities");
	assert_int_equal(t[1].count, 1);

	/* The scheduled article's tags appear at its time. */
	assert_int_equal(db_tag_visible(db, &A, NOW + 3600, &t, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(t[0].count, 3);
	assert_string_equal(t[2].name, "Futures");
	assert_int_equal(t[2].last_mod, NOW + 3600);
}

static void
pages_and_stamps(void **state)
{
	struct post	 p[5], *l;
	struct db_stamp	 s1, s2, s3, all1, all2;
	char		 slug[16];
	long long	 tech, other;
	size_t		 n, i;

	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(slug, sizeof(slug), "p%zu", i);
		p[i] = article(arena_strdup(&A, slug), "published",
		    T0 + (long long)i * 10, i == 2 ? "other" : "Tech, other");
	}
	tech = tag_id("tech");
	other = tag_id("other");

	/* Newest first, two a page, the cursor as the home page's. */
	assert_int_equal(db_post_list_tag(db, &A, tech, NOW, 1LL << 62,
	    1LL << 62, 3, &l, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].id, p[4].id);
	assert_int_equal(l[1].id, p[3].id);
	assert_int_equal(l[2].id, p[1].id);	/* p2 has no "tech" */
	assert_int_equal(db_post_list_tag(db, &A, tech, NOW,
	    l[1].published_at, l[1].id, 3, &l, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].id, p[1].id);
	assert_int_equal(l[1].id, p[0].id);
	/* Not before their time. */
	assert_int_equal(db_post_list_tag(db, &A, tech, T0 + 15, 1LL << 62,
	    1LL << 62, 3, &l, &n), 0);
	assert_int_equal(n, 2);

	assert_int_equal(db_tag_stamp_page(db, tech, NOW, 1LL << 62,
	    1LL << 62, 2, &s1), 1);
	assert_int_equal(s1.rows, 2);
	/* The same call, the same key. */
	assert_int_equal(db_tag_stamp_page(db, tech, NOW, 1LL << 62,
	    1LL << 62, 2, &s2), 1);
	assert_memory_equal(s1.key, s2.key, DB_STAMP_KEY);
	/* Another tag with the same first page has its own key. */
	retag(&p[2], "Tech, other");
	retag(&p[2], "other");
	assert_int_equal(db_tag_stamp_page(db, other, NOW, 1LL << 62,
	    1LL << 62, 2, &s3), 1);
	assert_int_equal(db_tag_stamp_page(db, tech, NOW, 1LL << 62,
	    1LL << 62, 2, &s2), 1);
	assert_memory_equal(s1.key, s2.key, DB_STAMP_KEY);
	assert_memory_not_equal(s1.key, s3.key, DB_STAMP_KEY);
	/* Whether an older page exists is part of the page. */
	assert_int_equal(db_tag_stamp_page(db, tech, NOW, p[3].published_at,
	    p[3].id, 1, &s2), 1);
	assert_int_equal(s2.rows, 1);
	retag(&p[0], "other");
	assert_int_equal(db_tag_stamp_page(db, tech, NOW, p[3].published_at,
	    p[3].id, 1, &s3), 1);
	assert_int_equal(s3.rows, 1);
	assert_memory_not_equal(s2.key, s3.key, DB_STAMP_KEY);
	/* Untagging an article of the page changes its key. */
	assert_int_equal(db_tag_stamp_all(db, NOW, &all1), 1);
	assert_int_equal(all1.rows, 2);
	retag(&p[4], "other");
	assert_int_equal(db_tag_stamp_page(db, tech, NOW, 1LL << 62,
	    1LL << 62, 2, &s2), 1);
	assert_memory_not_equal(s1.key, s2.key, DB_STAMP_KEY);
	/* /tags: its counts changed. */
	assert_int_equal(db_tag_stamp_all(db, NOW, &all2), 1);
	assert_memory_not_equal(all1.key, all2.key, DB_STAMP_KEY);
	/* ...and an edit that changes no count keeps it. */
	p[0].body = "new body";
	assert_int_equal(db_post_save(db, &p[0], NOW), DB_SAVED);
	assert_int_equal(db_tag_stamp_all(db, NOW, &all1), 1);
	assert_memory_equal(all1.key, all2.key, DB_STAMP_KEY);
	/* A tag with nothing visible: no rows, the handler's 404. */
	article("soon", "published", NOW + 60, "Soon");
	assert_int_equal(db_tag_stamp_page(db, tag_id("soon"), NOW,
	    1LL << 62, 1LL << 62, 2, &s1), 1);
	assert_int_equal(s1.rows, 0);
}

/* What the triggers of 0010 keep, against the articles themselves: links
 * whose publication time is not their article's, and tags whose count is
 * not their published links'. */
static long long
counts_off(void)
{
	return dbfile_int(path, "SELECT (SELECT count(*) FROM article_tags x"
	    " JOIN articles a ON a.id = x.article_id WHERE x.published_at IS NOT"
	    " (CASE WHEN a.status = 'published' THEN a.published_at END))"
	    " + (SELECT count(*) FROM tags t WHERE t.articles <>"
	    " (SELECT count(*) FROM article_tags x JOIN articles a"
	    " ON a.id = x.article_id WHERE x.tag_id = t.id"
	    " AND a.status = 'published'))");
}

/* The visible count of the tag with that slug at now, 0 when /tags does
 * not list it. */
static long long
count_at(const char *slug, long long now)
{
	struct db_tag	*t;
	size_t		 n, i;

	assert_int_equal(db_tag_visible(db, &A, now, &t, &n), 0);
	for (i = 0; i < n; i++)
		if (strcmp(t[i].slug, slug) == 0)
			return t[i].count;
	return 0;
}

/* Every way an article or a link changes keeps the counts /tags reads
 * and the publication times a tag's page walks. */
static void
counts_follow_every_change(void **state)
{
	struct post	 a, b;

	(void)state;
	a = article("a", "draft", 0, "Count, Other");
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 0);
	a.status = "published";
	a.has_date = 1;
	a.published_at = T0;
	assert_int_equal(db_post_save(db, &a, NOW), DB_SAVED);
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 1);
	/* Scheduled: counted from its time on. */
	b = article("b", "published", NOW + 600, "count");
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 1);
	assert_int_equal(count_at("count", NOW + 600), 2);
	/* Moved back into the past, then unpublished. */
	b.published_at = T0 + 5;
	assert_int_equal(db_post_save(db, &b, NOW), DB_SAVED);
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 2);
	b.status = "draft";
	assert_int_equal(db_post_save(db, &b, NOW), DB_SAVED);
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 1);
	/* Retagged, untagged, deleted. */
	retag(&a, "Other, New");
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 0);
	assert_int_equal(count_at("new", NOW), 1);
	b.status = "published";
	assert_int_equal(db_post_save(db, &b, NOW), DB_SAVED);
	assert_int_equal(count_at("count", NOW), 1);
	assert_int_equal(db_post_delete(db, POST_ARTICLE, b.id, NOW), 1);
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("count", NOW), 0);
	assert_int_equal(tag_id("count"), 0);
	/* Anything else writing articles and links (the bench, sqlite3). */
	article("c", "published", T0 + 7, "Other, Count");
	article("d", "published", T0 + 8, "count");
	dbfile_exec(path, "UPDATE articles SET status = 'draft' WHERE slug = 'c';"
	    " INSERT INTO article_tags (article_id, tag_id) SELECT a.id,"
	    " t.id FROM articles a, tags t WHERE a.slug = 'd'"
	    " AND t.slug = 'other';"
	    " UPDATE articles SET published_at = published_at + 86400"
	    " WHERE slug = 'd'; DELETE FROM article_tags WHERE tag_id ="
	    " (SELECT id FROM tags WHERE slug = 'new')");
	assert_int_equal(counts_off(), 0);
	assert_int_equal(count_at("other", NOW), 2);
	assert_int_equal(count_at("count", NOW), 1);
	/* A tag's page reads the links' times: d moved a day on. */
	{
		struct post	*l;
		size_t		 n;

		assert_int_equal(db_post_list_tag(db, &A, tag_id("other"),
		    NOW, 1LL << 62, 1LL << 62, 5, &l, &n), 0);
		assert_int_equal(n, 2);
		assert_string_equal(l[0].slug, "d");
		assert_int_equal(l[0].published_at, T0 + 8 + 86400);
		assert_string_equal(l[1].slug, "a");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_cases),
		cmocka_unit_test(join),
		cmocka_unit_test(reserved),
		cmocka_unit_test_setup_teardown(save_replace_delete, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(visible_only, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(pages_and_stamps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(counts_follow_every_change,
		    setup, teardown),
	};
	int	 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
