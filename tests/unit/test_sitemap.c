/*
 * test_sitemap: the sitemap's pure logic (src/sitemap.c): when the
 * addresses need an index, the years it splits them into and the XML of
 * both. The limit is a parameter, so a split is tested with a handful of
 * addresses; the e2e suite (tests/e2e/seo.sh) tests the ordinary file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "sitemap.h"

#include "fixture.h"

/* 2023-05-14T09:00:00Z and others, Unix seconds. */
#define T2023	1684054800LL
#define T2024	1715677200LL
#define T2021	1620982800LL

static char *
text(struct buf *b)
{
	char	*s = arena_strndup(&A, b->len > 0 ? b->data : "", b->len);

	buf_free(b);
	return s;
}

static size_t
count(const char *s, const char *needle)
{
	size_t	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
fill(struct sitemap *sm)
{
	sitemap_init(sm, &A);
	sitemap_add(sm, "/", T2024, 2024);
	sitemap_add(sm, "/archive", T2024, 2024);
	sitemap_add(sm, "/2024/05/b", T2024, 2024);
	sitemap_add(sm, "/2023/05/a", T2023, 2023);
	sitemap_add(sm, "/about", 0, 2021);
	sitemap_add(sm, "/2024/01/c", T2024 - 86400 * 120, 2024);
}

/* Up to the limit one file; one more address makes an index. */
static void
split_at_limit(void **state)
{
	struct sitemap	 sm;

	fill(&sm);
	assert_false(sitemap_split((long long)sm.n, 6));
	assert_false(sitemap_split((long long)sm.n, SITEMAP_MAX));
	assert_true(sitemap_split((long long)sm.n, 5));
	assert_true(sitemap_split((long long)sm.n, 1));
	assert_int_equal(SITEMAP_MAX, 50000);
}

/* The years, newest first, each once, with its latest lastmod. */
static void
years(void **state)
{
	struct sitemap		 sm;
	struct sitemap_year	*y;
	size_t			 n;

	fill(&sm);
	n = sitemap_years(&sm, &y);
	assert_int_equal(n, 3);
	assert_int_equal(y[0].year, 2024);
	assert_true(y[0].lastmod == T2024);
	assert_int_equal(y[1].year, 2023);
	assert_true(y[1].lastmod == T2023);
	assert_int_equal(y[2].year, 2021);
	assert_true(y[2].lastmod == 0);
}

/* A urlset: every address once, absolute, lastmod as a W3C datetime, or
 * one year's addresses only. */
static void
urlset(void **state)
{
	struct sitemap	 sm;
	struct buf	 b;
	char		*s;

	fill(&sm);
	buf_init(&b);
	sitemap_urlset(&b, "https://example.org", &sm, 0);
	s = text(&b);
	assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
	    98) == 0);
	assert_int_equal(count(s, "<url>"), 6);
	assert_non_null(strstr(s, "<url><loc>https://example.org/2023/05/a"
	    "</loc><lastmod>2023-05-14T09:00:00Z</lastmod></url>\n"));
	assert_non_null(strstr(s, "<url><loc>https://example.org/about</loc>"
	    "</url>\n"));
	assert_non_null(strstr(s, "</urlset>\n"));

	buf_init(&b);
	sitemap_urlset(&b, "https://example.org", &sm, 2024);
	s = text(&b);
	assert_int_equal(count(s, "<url>"), 4);
	assert_null(strstr(s, "/2023/05/a"));
	assert_null(strstr(s, "/about"));
}

/* The base URL and paths are XML-escaped. */
static void
escaped(void **state)
{
	struct sitemap	 sm;
	struct buf	 b;
	char		*s;

	sitemap_init(&sm, &A);
	sitemap_add(&sm, "/a&b<c>\"d'", 0, 2024);
	buf_init(&b);
	sitemap_urlset(&b, "https://ex.org/x&y", &sm, 0);
	s = text(&b);
	assert_non_null(strstr(s, "<loc>https://ex.org/x&amp;y/a&amp;b&lt;c"
	    "&gt;&quot;d&#39;</loc>"));
}

/* An index names one file a year, newest first. */
static void
index_file(void **state)
{
	struct sitemap		 sm;
	struct sitemap_year	*y;
	struct buf		 b;
	char			*s;
	size_t			 n;

	fill(&sm);
	n = sitemap_years(&sm, &y);
	buf_init(&b);
	sitemap_index(&b, &A, "https://example.org", y, n);
	s = text(&b);
	assert_non_null(strstr(s, "<sitemapindex xmlns=\"http://www.sitemaps"
	    ".org/schemas/sitemap/0.9\">\n<sitemap><loc>https://example.org/"
	    "sitemap-2024.xml</loc><lastmod>2024-05-14T09:00:00Z</lastmod>"
	    "</sitemap>\n<sitemap><loc>https://example.org/sitemap-2023.xml"
	    "</loc>"));
	assert_non_null(strstr(s, "<sitemap><loc>https://example.org/"
	    "sitemap-2021.xml</loc></sitemap>\n</sitemapindex>\n"));
	assert_int_equal(count(s, "<sitemap>"), 3);
}

/* Past the protocol's limit for real: 50,001 addresses in two years. */
static void
many(void **state)
{
	struct sitemap		 sm;
	struct sitemap_year	*y;
	size_t			 i;

	sitemap_init(&sm, &A);
	for (i = 0; i < SITEMAP_MAX + 1; i++)
		sitemap_add(&sm, "/x", i % 2 ? T2023 : T2024,
		    i % 2 ? 2023 : 2024);
	assert_true(sitemap_split((long long)sm.n, SITEMAP_MAX));
	assert_int_equal(sitemap_years(&sm, &y), 2);
	assert_int_equal(y[0].year, 2024);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_at_limit),
		cmocka_unit_test(years),
		cmocka_unit_test(urlset),
		cmocka_unit_test(escaped),
		cmocka_unit_test(index_file),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
