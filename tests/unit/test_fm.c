/*
 * test_fm: front matter read (fm.c) and written (fmw.c), the dates Hugo
 * and Jekyll write, and the rules port_check() (port.c) holds every
 * imported item to. No database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "fm.h"
#include "fmw.h"
#include "port.h"

static struct arena	A;

/* Reads text as the file src; asserts it reads. */
static void
read_ok(const char *src, const char *text, struct port_item *it)
{
	const char	*why = NULL;

	if (fm_read(&A, src, text, strlen(text), it, &why) != 0)
		fail_msg("%s: %s", src, why);
}

/* Reads text as the file src; asserts it fails with a message that
 * starts with want. */
static void
read_bad(const char *src, const char *text, const char *want)
{
	struct port_item	 it;
	const char		*why = NULL;

	assert_int_equal(fm_read(&A, src, text, strlen(text), &it, &why), -1);
	assert_non_null(why);
	if (strncmp(why, want, strlen(want)) != 0)
		fail_msg("got \"%s\", wanted \"%s...\"", why, want);
}

static void
dates(void **state)
{
	static const struct {
		const char	*s;
		long long	 t;	/* -1: refused */
	} c[] = {
		{ "2024-03-01", 1709251200 },
		{ "2024-03-01T10:20:30Z", 1709288430 },
		{ "2024-03-01t10:20:30z", 1709288430 },
		{ "2024-03-01T10:20:30+02:00", 1709281230 },
		{ "2024-03-01T10:20:30-05:30", 1709308230 },
		{ "2024-03-01T10:20:30.123456Z", 1709288430 },
		{ "2024-03-01 10:20:30 +0200", 1709281230 },
		{ "2024-03-01 10:20:30+0200", 1709281230 },
		{ "2024-03-01 10:20", 1709288400 },
		{ "2024-03-01T10:20", 1709288400 },
		{ "2024-02-29", 1709164800 },
		{ "2000-02-29", 951782400 },
		{ "1970-01-01", 0 },
		{ "1970-01-01T00:00:00+01:00", -1 },	/* before 1970 */
		{ "1900-02-29", -1 },
		{ "2023-02-29", -1 },
		{ "2024-02-30", -1 },
		{ "2024-13-01", -1 },
		{ "2024-00-10", -1 },
		{ "2024-3-1", -1 },
		{ "2024-03-01T25:00", -1 },
		{ "2024-03-01T10:60", -1 },
		{ "2024-03-01T10:20:61Z", -1 },
		{ "2024-03-01T10:20:30+24:00", -1 },
		{ "2024-03-01T10:20:30.Z", -1 },
		{ "2024-03-01T", -1 },
		{ "2024-03-01 ", -1 },
		{ "2024-03-01x", -1 },
		{ "March 1, 2024", -1 },
		{ "", -1 },
	};
	long long	t;
	size_t		i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		t = -2;
		if (c[i].t == -1) {
			if (fm_date(c[i].s, &t) != -1)
				fail_msg("\"%s\" taken as %lld", c[i].s, t);
		} else if (fm_date(c[i].s, &t) != 0 || t != c[i].t)
			fail_msg("\"%s\": %lld, wanted %lld", c[i].s, t,
			    c[i].t);
	}
}

static void
hugo(void **state)
{
	struct port_item	it;

	read_ok("content/posts/first.md",
	    "---\n"
	    "title: \"First: light\"\n"
	    "date: 2024-03-01T10:20:30+02:00\n"
	    "lastmod: 2024-03-05T08:00:00Z\n"
	    "draft: true\n"
	    "tags: [\"Astronomy\", gear]\n"
	    "categories:\n  - Hobbies\n"
	    "summary: Short.\n"
	    "aliases: [/old/, /older.html]\n"
	    "toc: true\n"
	    "---\n"
	    "\n"
	    "Body\n", &it);
	assert_string_equal(it.title, "First: light");
	assert_string_equal(it.slug, "first");	/* the file's name */
	assert_int_equal(it.kind, POST_ARTICLE);
	assert_string_equal(it.status, "draft");
	assert_true(it.has_date);
	assert_int_equal(it.published_at, 1709281230);
	assert_true(it.has_updated);
	assert_int_equal(it.updated_at, 1709625600);
	assert_int_equal(it.ntags, 3);
	assert_string_equal(it.tags[0], "Astronomy");
	assert_string_equal(it.tags[1], "gear");
	assert_string_equal(it.tags[2], "Hobbies");
	assert_string_equal(it.excerpt, "Short.");
	assert_int_equal(it.naliases, 2);
	assert_string_equal(it.aliases[1], "/older.html");
	/* One blank line after the front matter is layout. */
	assert_string_equal(it.body, "Body\n");
	assert_int_equal(it.nnotes, 1);
	assert_string_equal(it.notes[0],
	    "content/posts/first.md:11: key \"toc\" ignored");
	assert_string_equal(it.source, "content/posts/first.md");
	assert_int_equal(it.line, 1);

	/* A bundle's slug is its folder's name; type: page is a page. */
	read_ok("content/walk-far/index.md",
	    "---\ntitle: W\ntype: page\n---\nx", &it);
	assert_string_equal(it.slug, "walk-far");
	assert_int_equal(it.kind, POST_PAGE);
	assert_string_equal(it.status, "published");
	assert_false(it.has_date);
	assert_string_equal(it.body, "x");
	/* A file name that is no slug leaves it to the title. */
	read_ok("posts/My Post.md", "---\ntitle: T\n---\n", &it);
	assert_string_equal(it.slug, "");
	assert_string_equal(it.body, "");
}

static void
jekyll(void **state)
{
	struct port_item	it;

	read_ok("_posts/2023-11-05-winter-is-coming.md",
	    "---\r\nlayout: post\r\ntitle:  Winter\r\ncategories: news, "
	    "weather\r\npermalink: /blog/winter/\r\n---\r\n\r\nCold.\r\n", &it);
	assert_string_equal(it.slug, "winter-is-coming");
	assert_true(it.has_date);
	assert_int_equal(it.published_at, 1699142400);
	assert_int_equal(it.ntags, 2);
	assert_string_equal(it.tags[0], "news");
	assert_string_equal(it.tags[1], " weather");	/* trimmed by tag.c */
	assert_int_equal(it.naliases, 1);
	assert_string_equal(it.aliases[0], "/blog/winter/");
	assert_string_equal(it.body, "Cold.\r\n");

	/* The front matter's date and slug win over the file name's. */
	read_ok("_posts/2023-11-05-winter.md",
	    "---\ntitle: T\nslug: other\ndate: 2023-12-24 20:15\n---\n", &it);
	assert_string_equal(it.slug, "other");
	assert_int_equal(it.published_at, 1703448900);

	/* A permalink pattern is no old address. */
	read_ok("_posts/2023-11-05-x.md",
	    "---\ntitle: T\npermalink: /:year/:title/\n---\n", &it);
	assert_int_equal(it.naliases, 0);
	assert_int_equal(it.nnotes, 1);
	assert_string_equal(it.notes[0], "_posts/2023-11-05-x.md:3: permalink "
	    "\"/:year/:title/\" ignored: a pattern, not a path");

	/* A folder named pages holds pages; status: draft. */
	read_ok("site/pages/colophon.markdown",
	    "---\ntitle: C\nstatus: draft\n---\n", &it);
	assert_int_equal(it.kind, POST_PAGE);
	assert_string_equal(it.status, "draft");
	assert_string_equal(it.slug, "colophon");
}

static void
errors(void **state)
{
	struct port_item	 it;
	const char		*why;

	read_bad("a.md", "no front matter\n", "a.md:1: no front matter");
	read_bad("a.md", "", "a.md:1: no front matter");
	read_bad("a.md", "---\ntitle: x\n", "a.md:3: the front matter has no "
	    "closing");
	read_bad("a.md", "---\ntitle: \"open\ndate: 2024-01-01\n---\n",
	    "a.md:4: YAML: ");
	read_bad("a.md", "---\ntitle: T\ntags: {a: b}\n---\n",
	    "a.md:3: tags: a text value is wanted, not a mapping");
	read_bad("a.md", "---\ntitle: [a]\n---\n",
	    "a.md:2: title: a text value is wanted, not a list");
	/* An alias is its anchor's text again: a few bytes could ask for
	 * gigabytes, so none is read. */
	read_bad("a.md", "---\ntitle: &x Long text\naliases: [*x, *x]\n---\n",
	    "a.md:2: aliases: YAML aliases (*name) are not read");
	read_bad("a.md", "---\ntitle: T\naliases: [[/a]]\n---\n",
	    "a.md:3: aliases: a text value is wanted");
	read_bad("a.md", "---\ntitle: T\n\n\ndate: 2024-02-30\n---\n",
	    "a.md:5: date: \"2024-02-30\" is not a date");
	read_bad("a.md", "---\ntitle: T\nupdated: yesterday\n---\n",
	    "a.md:3: updated: ");
	read_bad("a.md", "---\ntitle: T\ndraft: maybe\n---\n",
	    "a.md:3: draft: ");
	read_bad("a.md", "---\ntitle: T\nstatus: publish\n---\n",
	    "a.md:3: status: ");
	read_bad("a.md", "---\n- a\n- b\n---\n",
	    "a.md:2: the front matter is not a mapping");
	read_bad("a.md", "---\ntitle: \"a\\0b\"\n---\n",
	    "a.md:2: title: a NUL character");
	assert_int_equal(fm_read(&A, "a.md", "---\ntitle: T\n---\nbody\0x",
	    23, &it, &why), -1);
	assert_string_equal(why, "a.md:4: a NUL character in the body");
}

static void
empty_and_nulls(void **state)
{
	struct port_item	it;

	/* Empty front matter and empty values read; the title is
	 * port_check()'s to miss. */
	read_ok("a.md", "---\n---\nBody", &it);
	assert_null(it.title);
	assert_string_equal(it.body, "Body");
	read_ok("a.md", "---\ntitle:\ndate:\ntags:\n---\n", &it);
	assert_string_equal(it.title, "");
	assert_false(it.has_date);
	assert_int_equal(it.ntags, 0);
	/* "..." closes too; a byte order mark is skipped. */
	read_ok("a.md", "\xef\xbb\xbf---\ntitle: T\n...\nB", &it);
	assert_string_equal(it.title, "T");
	assert_string_equal(it.body, "B");
}

/* Writes it, reads it back, compares every field. */
static void
round_trip(const struct port_item *it)
{
	struct port_item	 back;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	assert_int_equal(fmw_item(&b, it), 0);
	read_ok("posts/x.md", b.data, &back);
	assert_string_equal(back.title, it->title);
	assert_string_equal(back.slug, it->slug);
	assert_string_equal(back.author, it->author);
	assert_string_equal(back.excerpt, it->excerpt);
	assert_string_equal(back.status, it->status);
	assert_string_equal(back.body, it->body);
	assert_int_equal(back.has_date, it->has_date);
	assert_int_equal(back.published_at, it->published_at);
	assert_int_equal(back.updated_at, it->updated_at);
	assert_int_equal(back.ntags, it->ntags);
	for (i = 0; i < it->ntags; i++)
		assert_string_equal(back.tags[i], it->tags[i]);
	assert_int_equal(back.nnotes, 0);
	buf_free(&b);
}

static void
write_read(void **state)
{
	static const char *const titles[] = {
		"Plain", "He said: \"no\"", "'single' quotes", "a: b # c",
		"---", "--- a line of dashes", "...", "line\nbreak\n---\n",
		"Ünïcödé 日本語 Ελλάδα", "tab\there", "true", "null", "~", "",
		"123", "2024-03-01", "- a list?", "[x]", "{y}", "&anchor",
		"*alias", "!tag", "%percent", "@at", "`tick`", "|", ">",
		" leading and trailing ", "back\\slash", "\x7f del",
		"emoji \xf0\x9f\x98\x80", "\xe2\x80\xa8 line separator",
	};
	static const char *tags[] = { "Café Society", "a: b", "\"q\"" };
	struct port_item	it;
	size_t			i;

	memset(&it, 0, sizeof(it));
	it.slug = "slug-1";
	it.status = "published";
	it.author = "";
	it.excerpt = "";
	it.body = "Body\n\n---\n\nmore\n";
	it.has_date = 1;
	it.published_at = 1709288430;
	it.has_updated = 1;
	it.updated_at = 1709288431;
	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		it.title = titles[i];
		it.author = titles[i];
		it.excerpt = titles[sizeof(titles) / sizeof(titles[0]) - 1 - i];
		round_trip(&it);
	}
	it.tags = tags;
	it.ntags = 3;
	it.excerpt = "two\nlines\n";
	it.body = "\nstarts with a blank line";
	it.status = "draft";
	it.has_date = 0;
	it.published_at = 0;
	round_trip(&it);
	it.excerpt = "  indented\nthen not\n\n\n";
	it.body = "";
	round_trip(&it);
}

static void
pairs(void **state)
{
	struct port_pair	 p[3], *back = NULL;
	struct buf		 b;
	size_t			 n = 0, cap = 0;
	const char		*why = NULL;

	memset(p, 0, sizeof(p));
	p[0].key = "title";
	p[0].value = "A: \"b\"";
	p[1].key = "robots";
	p[1].value = "User-agent: *\nDisallow: /admin/\n";
	p[2].key = "/old path/%C3%A9";
	p[2].value = "";
	buf_init(&b);
	assert_int_equal(fmw_pairs(&b, p, 3), 0);
	assert_int_equal(fm_read_pairs(&A, "s.yaml", b.data, b.len, &back, &n,
	    &cap, &why), 0);
	assert_int_equal(n, 3);
	assert_string_equal(back[0].value, p[0].value);
	assert_string_equal(back[1].value, p[1].value);
	assert_string_equal(back[2].key, p[2].key);
	assert_string_equal(back[2].value, "");
	assert_int_equal(back[0].line, 1);
	assert_int_equal(back[1].line, 2);
	buf_reset(&b);
	assert_int_equal(fmw_pairs(&b, p, 0), 0);
	n = 0;
	assert_int_equal(fm_read_pairs(&A, "s.yaml", b.data, b.len, &back, &n,
	    &cap, &why), 0);
	assert_int_equal(n, 0);
	buf_free(&b);
	assert_int_equal(fm_read_pairs(&A, "s.yaml", "a: 1\nb: [x]\n", 12,
	    &back, &n, &cap, &why), -1);
	assert_string_equal(why, "s.yaml:2: b: a text value is wanted, not a "
	    "list");
	assert_int_equal(fm_read_pairs(&A, "s.yaml", "a: 1\n b: 2\n", 11,
	    &back, &n, &cap, &why), -1);
	assert_string_equal(why, "s.yaml:2: YAML: mapping values are not "
	    "allowed in this context");
}

/* A set of one item read from text (src), checked: the message or NULL. */
static const char *
check1(const char *src, const char *text, struct port_set *s)
{
	const char	*why = NULL;

	memset(s, 0, sizeof(*s));
	if (fm_read(&A, src, text, strlen(text), port_set_add(&A, s),
	    &why) != 0)
		return why;
	return port_check(&A, s);
}

static void
rules(void **state)
{
	struct port_set	 s;
	const char	*why;

	assert_null(check1("A.md", "---\ntitle: Hello, World!\n---\n", &s));
	assert_string_equal(s.items[0].slug, "hello-world");
	assert_string_equal(check1("A.md", "---\ndate: 2024-01-01\n---\n",
	    &s), "A.md:1: no title");
	assert_string_equal(check1("A.md", "---\ntitle: \"a\\nb\"\n---\n",
	    &s), "A.md:1: title: Line breaks and control characters are not allowed here.");
	assert_string_equal(check1("A.md", "---\ntitle: \"!!!\"\n---\n", &s),
	    "A.md:1: no slug, and the title has no letter or digit to make "
	    "one of");
	why = check1("A.md", "---\ntitle: T\nslug: Not_A_Slug\n---\n", &s);
	assert_non_null(why);
	assert_memory_equal(why, "A.md:1: slug \"Not_A_Slug\"", 25);
	why = check1("pages/admin.md", "---\ntitle: T\n---\n", &s);
	assert_non_null(why);
	assert_non_null(strstr(why, "the site's own address"));
	why = check1("A.md", "---\ntitle: T\ntags: [\"C++\"]\n---\n", &s);
	assert_non_null(why);
	assert_memory_equal(why, "A.md:1: tag \"C++\"", 17);
	why = check1("A.md", "---\ntitle: T\ntags: [a, b, c, d, e, f, g, h, i, "
	    "j, k, l, m, n, o, p, q, r, s, t, u]\n---\n", &s);
	assert_non_null(why);
	assert_memory_equal(why, "A.md:1: tags: ", 14);
	why = check1("A.md", "---\ntitle: T\naliases: [no-slash]\n---\n", &s);
	assert_non_null(why);
	assert_memory_equal(why, "A.md:1: alias \"no-slash\"", 24);
	/* A query cannot be a redirect's source, but WordPress's /?p=ID:
	 * skipped, noted. */
	assert_null(check1("A.md", "---\ntitle: T\naliases: [\"/old?x=1\", "
	    "/ok, \"/?p=12\"]\n---\n", &s));
	assert_int_equal(s.items[0].naliases, 2);
	assert_string_equal(s.items[0].aliases[0], "/ok");
	assert_string_equal(s.items[0].aliases[1], "/?p=12");
	assert_int_equal(s.items[0].nnotes, 1);
	assert_non_null(strstr(s.items[0].notes[0], "\"/old?x=1\" skipped"));

	/* Two items for one address. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(fm_read(&A, "Same.md", "---\ntitle: Same\n---\n", 19,
	    port_set_add(&A, &s), &why), 0);
	assert_int_equal(fm_read(&A, "b.md", "---\ntitle: X\nslug: same\n---\n",
	    27, port_set_add(&A, &s), &why), 0);
	assert_int_equal(fm_read(&A, "pages/same.md", "---\ntitle: P\n---\n",
	    16, port_set_add(&A, &s), &why), 0);
	why = port_check(&A, &s);
	assert_non_null(why);
	assert_non_null(strstr(why, "the article slug \"same\" is also"));

	/* Two items for one old path (as typed or encoded). */
	memset(&s, 0, sizeof(s));
	assert_int_equal(fm_read(&A, "x.md", "---\ntitle: X\naliases: [/old/%C3"
	    "%A9]\n---\n", 40, port_set_add(&A, &s), &why), 0);
	assert_int_equal(fm_read(&A, "y.md", "---\ntitle: Y\naliases: [/a, "
	    "/old/\xc3\xa9]\n---\n", 40, port_set_add(&A, &s), &why), 0);
	why = port_check(&A, &s);
	assert_non_null(why);
	assert_string_equal(why, "y.md:1: alias \"/old/\xc3\xa9\" is also "
	    "x.md's");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(hugo),
		cmocka_unit_test(jekyll),
		cmocka_unit_test(errors),
		cmocka_unit_test(empty_and_nulls),
		cmocka_unit_test(write_read),
		cmocka_unit_test(pairs),
		cmocka_unit_test(rules),
	};
	int	 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
