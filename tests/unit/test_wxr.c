/*
 * test_wxr: WordPress exports read into import items (wxr.c, wpdate.c).
 * The fixtures in tests/fixtures/wxr/ are read and every field of every
 * item is written out and compared with the golden file beside them
 * (site.expect for site.xml, site-1.1.expect for site-1.1.xml); then
 * tables of small exports that must fail, naming the item or the line,
 * and leave the set as it was, of items with one thing to check each,
 * and of WordPress's dates.
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
#include "date.h"
#include "wpdate.h"
#include "wxr.h"

#define DIR	"tests/fixtures/wxr/"

static struct arena	 A;

static void
put_block(struct buf *b, const char *label, const char *s)
{
	size_t	 n;

	buf_printf(b, "  %s:\n", label);
	for (; *s != '\0'; s += n + (s[n] == '\n')) {
		n = strcspn(s, "\n");
		buf_printf(b, "    | %.*s\n", (int)n, s);
	}
}

/* Every field of every item, and the report, as text. */
static char *
dump(const struct port_set *set, const struct wxr_report *rep)
{
	struct buf		 b;
	const struct port_item	*it;
	size_t			 i, j;
	char			*s;

	buf_init(&b);
	buf_printf(&b, "posts %zu, pages %zu\n", rep->posts, rep->pages);
	for (i = 0; i < rep->nskipped; i++)
		buf_printf(&b, "skipped %s\n", rep->skipped[i]);
	for (i = 0; i < set->n; i++) {
		it = &set->items[i];
		buf_printf(&b, "%s, line %ld\n", it->source, it->line);
		buf_printf(&b, "  kind: %s\n", it->kind == POST_PAGE ? "page" :
		    "article");
		buf_printf(&b, "  title: %s\n  slug: %s\n  author: %s\n"
		    "  status: %s\n", it->title, it->slug, it->author,
		    it->status);
		buf_printf(&b, "  date: %s\n", it->has_date ?
		    date_iso(&A, it->published_at) : "none");
		buf_printf(&b, "  updated: %s\n", it->has_updated ?
		    date_iso(&A, it->updated_at) : "none");
		for (j = 0; j < it->ntags; j++)
			buf_printf(&b, "  tag: %s\n", it->tags[j]);
		for (j = 0; j < it->naliases; j++)
			buf_printf(&b, "  alias: %s\n", it->aliases[j]);
		for (j = 0; j < it->nnotes; j++)
			buf_printf(&b, "  note: %s\n", it->notes[j]);
		put_block(&b, "excerpt", it->excerpt);
		put_block(&b, "body", it->body);
	}
	s = arena_strdup(&A, b.data);
	buf_free(&b);
	return s;
}

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s;
	long	 n;

	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = arena_alloc(&A, (size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* The first line where got and want differ, for the message. */
static void
golden(const char *got, const char *want, const char *file)
{
	int	 line = 1;
	size_t	 i;

	if (strcmp(got, want) == 0)
		return;
	for (i = 0; got[i] == want[i]; i++)
		line += got[i] == '\n';
	while (i > 0 && got[i - 1] != '\n')
		i--;
	fail_msg("%s:%d differs:\n got: %.*s\nwant: %.*s", file, line,
	    (int)strcspn(got + i, "\n"), got + i,
	    (int)strcspn(want + i, "\n"), want + i);
}

static void
fixture(const char *xml, const char *expect)
{
	struct port_set		 set = { 0 };
	struct wxr_report	 rep;

	assert_int_equal(wxr_read_file(&A, xml, NULL, &set, &rep), 0);
	assert_null(rep.error);
	golden(dump(&set, &rep), slurp(expect), expect);
}

static void
site(void **state)
{
	fixture(DIR "site.xml", DIR "site.expect");
}

static void
site_11(void **state)
{
	fixture(DIR "site-1.1.xml", DIR "site-1.1.expect");
}

/* A small export: a good item (line 3), then ITEM on line 4. */
#define DOC(ITEM)							\
	"<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/" \
	"export/1.2/\" xmlns:content=\"http://purl.org/rss/1.0/modules/" \
	"content/\"><channel><wp:wxr_version>1.2</wp:wxr_version>\n"	\
	"<item><title>Good</title><content:encoded>ok</content:encoded>" \
	"<wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00" \
	"</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>" \
	"post</wp:post_type></item>\n" ITEM "\n</channel></rss>\n"
#define ITEM(TITLE, BODY, GMT, LOCAL, MOD, ST)				\
	"<item><title>" TITLE "</title><content:encoded>" BODY		\
	"</content:encoded><wp:post_id>7</wp:post_id><wp:post_date_gmt>" \
	GMT "</wp:post_date_gmt><wp:post_date>" LOCAL "</wp:post_date>"	\
	"<wp:post_modified_gmt>" MOD "</wp:post_modified_gmt><wp:status>" \
	ST "</wp:status><wp:post_type>post</wp:post_type></item>"
#define Z	"0000-00-00 00:00:00"
#define T	"2021-05-01 10:00:00"

static const struct {
	const char	*doc;
	const char	*error;
} bad[] = {
	{ DOC(ITEM("T", "b", "2021-02-30 10:00:00", T, T, "publish")),
	  "t.xml:4: item 7 (\"T\"): bad date in wp:post_date_gmt" },
	{ DOC(ITEM("T", "b", "2021-5-1 10:00:00", T, T, "publish")),
	  "t.xml:4: item 7 (\"T\"): bad date in wp:post_date_gmt" },
	{ DOC(ITEM("T", "b", "1969-12-31 23:59:59", T, T, "publish")),
	  "t.xml:4: item 7 (\"T\"): bad date in wp:post_date_gmt" },
	{ DOC(ITEM("T", "b", Z, "yesterday", T, "draft")),
	  "t.xml:4: item 7 (\"T\"): bad date in wp:post_date" },
	{ DOC(ITEM("T", "b", T, T, "2021-05-01 24:00:00", "publish")),
	  "t.xml:4: item 7 (\"T\"): bad date in wp:post_modified_gmt" },
	{ DOC(ITEM("", "", T, T, T, "publish")),
	  "t.xml:4: item 7 (\"\"): no title and no body" },
	{ DOC(ITEM(" ", "<p> </p><!-- x -->", T, T, T, "draft")),
	  "t.xml:4: item 7 (\"\"): no title and no body" },
	{ DOC(ITEM("T", "b", Z, Z, T, "publish")),
	  "t.xml:4: item 7 (\"T\"): published with no date" },
	{ DOC("<item><title>x</title>"),
	  "t.xml:5: Opening and ending tag mismatch: item line 4 and "
	  "channel" },
	{ "", "t.xml:1: Document is empty" },
	{ "<rss><channel><title>RSS</title></channel></rss>",
	  "t.xml: not a WordPress export (WXR 1.x: an rss channel with "
	  "wp:wxr_version)" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "
	  "\"file:///etc/passwd\">]>\n<rss><channel><wp:wxr_version xmlns:"
	  "wp=\"http://wordpress.org/export/1.2/\">1.2</wp:wxr_version>"
	  "<item><title>&x;</title></item></channel></rss>",
	  "t.xml: a DOCTYPE has no place in a WordPress export" },
	{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
	  "t.xml: not a WordPress export (WXR 1.x: an rss channel with "
	  "wp:wxr_version)" },
};

/* Each bad export fails with its message and leaves the set alone. */
static void
bad_exports(void **state)
{
	struct port_set		 set = { 0 };
	struct wxr_report	 rep;
	size_t			 i;

	port_set_add(&A, &set)->title = "before";
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (wxr_read(&A, "t.xml", bad[i].doc, strlen(bad[i].doc), &set,
		    &rep) != -1)
			fail_msg("case %zu read", i);
		if (rep.error == NULL || strcmp(rep.error, bad[i].error) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i,
			    rep.error != NULL ? rep.error : "(null)",
			    bad[i].error);
		assert_int_equal(set.n, 1);
		assert_int_equal(rep.posts + rep.pages, 0);
	}
	assert_int_equal(wxr_read_file(&A, DIR "broken.xml", NULL, &set, &rep), -1);
	assert_string_equal(rep.error, DIR "broken.xml:30: Opening and "
	    "ending tag mismatch: title line 23 and item");
	assert_int_equal(wxr_read_file(&A, DIR "none.xml", NULL, &set, &rep), -1);
	assert_string_equal(rep.error, DIR "none.xml: No such file or "
	    "directory");
	assert_int_equal(set.n, 1);
	assert_string_equal(set.items[0].title, "before");
}

/* Items with one thing each to check, added after what the set holds. */
#define ONE(EXTRA, ST)							\
	DOC("<item><title>One</title><content:encoded>b</content:encoded>" \
	"<wp:post_date_gmt>" Z "</wp:post_date_gmt><wp:post_date>" T	\
	"</wp:post_date><wp:status>" ST "</wp:status><wp:post_type>post" \
	"</wp:post_type>" EXTRA "</item>")

static const struct {
	const char	*doc;
	long long	 date;		/* -1: none */
	const char	*status;
	const char	*note;		/* the first note, or NULL */
	size_t		 naliases;
} one[] = {
	/* 10:00 at +0200 is 08:00 UTC; at EST, 15:00. */
	{ ONE("<pubDate>Sat, 01 May 2021 10:00:00 +0200</pubDate>", "draft"),
	  1619856000LL, "draft", NULL, 0 },
	{ ONE("<pubDate>Sat, 01 May 2021 10:00:00 EST</pubDate>", "pending"),
	  1619881200LL, "draft", NULL, 0 },
	{ ONE("<pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>", "draft"),
	  1619863200LL, "draft", "no time zone: local times read as UTC", 0 },
	{ ONE("", "future"), 1619863200LL, "published",
	  "no time zone: local times read as UTC", 0 },
	{ ONE("<pubDate>x +0000</pubDate><wp:post_password>pw"
	  "</wp:post_password>", "publish"), 1619863200LL, "draft",
	  "had a password in WordPress: imported as a draft", 0 },
	{ ONE("<pubDate>x +0000</pubDate><wp:post_id>5</wp:post_id>"
	  "<link>https://e.com/a/b?x=1#c</link>", "private"), 1619863200LL,
	  "draft", "private in WordPress: imported as a draft", 2 },
};

static void
one_items(void **state)
{
	struct port_set		 set = { 0 };
	struct wxr_report	 rep;
	struct port_item	*it;
	size_t			 i;

	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		if (wxr_read(&A, "t.xml", one[i].doc, strlen(one[i].doc), &set,
		    &rep) != 0)
			fail_msg("case %zu: %s", i, rep.error);
		assert_int_equal(set.n, 2 * (i + 1));
		it = &set.items[set.n - 1];
		assert_string_equal(it->title, "One");
		assert_int_equal(it->has_date, one[i].date != -1);
		if (it->published_at != one[i].date)
			fail_msg("case %zu: date %lld, want %lld", i,
			    it->published_at, one[i].date);
		assert_string_equal(it->status, one[i].status);
		if (one[i].note == NULL)
			assert_int_equal(it->nnotes, 0);
		else {
			assert_true(it->nnotes >= 1);
			assert_string_equal(it->notes[0], one[i].note);
		}
		assert_int_equal(it->naliases, one[i].naliases);
	}
	/* The link's path without query or fragment, then ?p=. */
	assert_string_equal(it->aliases[0], "/a/b");
	assert_string_equal(it->aliases[1], "/?p=5");
	assert_string_equal(it->source, "item 5");
	assert_string_equal(set.items[0].source, "item 1");
	assert_string_equal(set.items[1].source, "item ?");
}

static const struct {
	const char	*s;
	int		 rc, zero;
	long long	 t;
} dates[] = {
	{ "2019-03-12 09:30:00", 0, 0, 1552383000LL },
	{ "1970-01-01 00:00:00", 0, 0, 0 },
	{ "2024-02-29 23:59:59", 0, 0, 1709251199LL },
	{ "0000-00-00 00:00:00", 0, 1, 0 },
	{ "", 0, 1, 0 },
	{ NULL, 0, 1, 0 },
	{ "2023-02-29 10:00:00", -1, 0, 0 },
	{ "2023-13-01 10:00:00", -1, 0, 0 },
	{ "2023-01-01 10:60:00", -1, 0, 0 },
	{ "2023-01-01 10:00", -1, 0, 0 },
	{ "2023-01-01T10:00:00", -1, 0, 0 },
	{ "2023-01-01 10:00:00 ", -1, 0, 0 },
	{ "2023-01- 1 10:00:00", -1, 0, 0 },
	{ "2023-01-+1 10:00:00", -1, 0, 0 },
	{ "1969-12-31 23:59:59", -1, 0, 0 },
};

static const struct {
	const char	*s;
	int		 rc;
	long		 off;
} zones[] = {
	{ "Tue, 12 Mar 2019 09:30:00 +0000", 0, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 +0130", 0, 5400 },
	{ "Tue, 12 Mar 2019 09:30:00 -0800", 0, -28800 },
	{ "Tue, 12 Mar 2019 09:30:00 GMT", 0, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 PDT", 0, -25200 },
	{ "Mon, 30 Nov -0001 00:00:00 +0000", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 +01", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 CET", -1, 0 },
	/* No zone is a day or more from UTC (fuzz_valid found +7000). */
	{ "Tue, 12 Mar 2019 09:30:00 +7000", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 -2400", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 +0160", -1, 0 },
	{ "Tue, 12 Mar 2019 09:30:00 +2359", 0, 23 * 3600 + 59 * 60 },
	{ NULL, -1, 0 },
};

static void
wp_dates(void **state)
{
	long long	 t;
	long		 off;
	size_t		 i;
	int		 zero;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		t = 0;
		if (wpdate_parse(dates[i].s, &t, &zero) != dates[i].rc ||
		    (dates[i].rc == 0 && (zero != dates[i].zero ||
		    (!zero && t != dates[i].t))))
			fail_msg("wpdate_parse(\"%s\")", dates[i].s);
	}
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		off = 1;
		if (wpdate_zone(zones[i].s, &off) != zones[i].rc ||
		    (zones[i].rc == 0 && off != zones[i].off))
			fail_msg("wpdate_zone(\"%s\"): %ld", zones[i].s, off);
	}
}

static int
reset(void **state)
{
	arena_reset(&A);
	return 0;
}

int
main(void)
{
	static const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_teardown(site, reset),
		cmocka_unit_test_teardown(site_11, reset),
		cmocka_unit_test_teardown(bad_exports, reset),
		cmocka_unit_test_teardown(one_items, reset),
		cmocka_unit_test_teardown(wp_dates, reset),
	};
	int	 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests_name("wxr", tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
