/*
 * test_canon: a reader page's canonical address (route_canonical(),
 * route.c), which app.c's 301 and every page's <link rel="canonical">
 * are built from. Its query is the fields the route takes, once each, in
 * one order, spelled as a browser's form spells them; read back by
 * req_parse() it gives the same values and the same address again, so a
 * 301 to it can never be answered by another 301.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "req.h"
#include "route.h"

#include "fixture.h"

#define ALL	((1u << QF__MAX) - 1)

static const char *
canon1(const char *path, enum req_qfield f, const char *v, unsigned mask)
{
	const char	*q[QF__MAX] = { NULL };

	q[f] = v;
	return route_canonical(&A, path, q, mask);
}

static void
path_alone(void **state)
{
	const char	*q[QF__MAX] = { NULL };

	assert_string_equal(route_canonical(&A, "/archive", q, ALL),
	    "/archive");
	assert_string_equal(route_canonical_query(&A, q, ALL), "");
	/* A tag's slug of UTF-8 is percent-encoded; '/' stays. */
	assert_string_equal(route_canonical(&A, "/tag/caf\xc3\xa9", q, 0),
	    "/tag/caf%C3%A9");
}

/* Only what the route takes: everything else is left out. */
static void
mask(void **state)
{
	const char	*q[QF__MAX] = { NULL };

	q[QF_Q] = "fox";
	q[QF_PAGE] = "2";
	q[QF_BEFORE] = "1700000000-5";
	assert_string_equal(route_canonical(&A, "/search", q,
	    1u << QF_Q | 1u << QF_PAGE), "/search?q=fox&page=2");
	assert_string_equal(route_canonical(&A, "/", q, 1u << QF_BEFORE),
	    "/?before=1700000000-5");
	assert_string_equal(route_canonical(&A, "/archive", q, 0),
	    "/archive");
}

/* One order whatever the route: the words before the page. */
static void
order(void **state)
{
	const char	*q[QF__MAX] = { NULL };
	const char	*s;
	int		 i;
	char		*p;

	q[QF_PAGE] = "3";
	q[QF_Q] = "a";
	assert_string_equal(route_canonical_query(&A, q, ALL), "q=a&page=3");
	/* Every field once: the order table names each. */
	for (i = 0; i < QF__MAX; i++)
		q[i] = "1";
	s = route_canonical_query(&A, q, ALL);
	for (i = 0; i < QF__MAX; i++) {
		p = arena_printf(&A, "%s=1", req_qfield_name(i));
		assert_non_null(strstr(s, p));
	}
	/* Each field once: QF__MAX pairs, QF__MAX - 1 ampersands. */
	for (i = 0, p = (char *)s; (p = strchr(p, '&')) != NULL; p++)
		i++;
	assert_int_equal(i, QF__MAX - 1);
}

/* Empty is absent: /search?q= is /search. */
static void
empty(void **state)
{
	assert_string_equal(canon1("/search", QF_Q, "", ALL), "/search");
	assert_string_equal(canon1("/search", QF_Q, " ", ALL),
	    "/search?q=+");
}

/* As a browser's form sends it: space as '+', letters, digits and
 * "*-._" as they are, every other byte as %XX in capitals. */
static void
spelling(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "red fox", "/search?q=red+fox" },
		{ "AZaz09*-._", "/search?q=AZaz09*-._" },
		{ "~!'()", "/search?q=%7E%21%27%28%29" },
		{ "a+b&c=d#e", "/search?q=a%2Bb%26c%3Dd%23e" },
		{ "%", "/search?q=%25" },
		{ "caf\xc3\xa9", "/search?q=caf%C3%A9" },
		{ "\"<script>\"", "/search?q=%22%3Cscript%3E%22" },
		{ "\r\n\t", "/search?q=%0D%0A%09" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(canon1("/search", QF_Q, cases[i].in, ALL),
		    cases[i].out);
}

/* The canonical address, parsed as a request, gives the same values
 * and the same address: a 301 to it is never followed by another. */
static void
round_trip(void **state)
{
	static const char *const values[] = {
		"red fox", "a+b", "100%", "caf\xc3\xa9 cr\xc3\xa8me",
		"\"quoted\" NOT x", "*", "~", "a=b&c", " lead",
		"no\xc2\xa0" "break",
	};
	struct req	 r;
	const char	*q[QF__MAX] = { NULL }, *why, *target, *uri;
	char		*env[4];
	size_t		 i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		q[QF_Q] = values[i];
		q[QF_PAGE] = "2";
		target = route_canonical(&A, "/search", q, ALL);
		uri = arena_printf(&A, "REQUEST_URI=%s", target);
		env[0] = (char *)uri;
		env[1] = (char *)"REQUEST_METHOD=GET";
		env[2] = (char *)"HTTP_HOST=example.org";
		env[3] = NULL;
		memset(&r, 0, sizeof(r));
		assert_int_equal(req_parse(&r, &A, env, &why), 0);
		assert_string_equal(r.path, "/search");
		assert_string_equal(r.query[QF_Q], values[i]);
		assert_string_equal(r.query[QF_PAGE], "2");
		assert_string_equal(route_canonical(&A, r.path, r.query, ALL),
		    target);
		assert_string_equal(route_canonical_query(&A, r.query, ALL),
		    r.query_string);
	}
}

/* What the routes take, from the table: the search its words and page,
 * the home page its cursor and WordPress's two, an article its
 * revision, the feeds nothing; the aliases are not canonicalised (they
 * only redirect, keeping no query). */
static void
table(void **state)
{
	struct route_match	 m;

	assert_int_equal(route_match(&A, "/search", METHOD_GET, &m), 0);
	assert_int_equal(m.query, 1u << QF_Q | 1u << QF_PAGE);
	assert_true(m.canonical);
	assert_int_equal(route_match(&A, "/", METHOD_GET, &m), 0);
	assert_int_equal(m.query,
	    1u << QF_BEFORE | 1u << QF_WP_P | 1u << QF_WP_PAGE_ID);
	assert_int_equal(route_match(&A, "/2024/05/a-slug", METHOD_GET, &m),
	    0);
	assert_int_equal(m.query, 1u << QF_R);
	assert_int_equal(route_match(&A, "/feed.atom", METHOD_GET, &m), 0);
	assert_int_equal(m.query, 0);
	assert_true(m.canonical);
	assert_int_equal(route_match(&A, "/feed", METHOD_GET, &m), 0);
	assert_int_equal(m.query, 0);
	assert_false(m.canonical);
	/* The admin is left alone. */
	assert_int_equal(route_match(&A, "/admin", METHOD_GET, &m), 0);
	assert_false(m.canonical);
	assert_int_equal(route_match(&A, "/admin/login", METHOD_GET, &m), 0);
	assert_false(m.canonical);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_alone),
		cmocka_unit_test(mask),
		cmocka_unit_test(order),
		cmocka_unit_test(empty),
		cmocka_unit_test(spelling),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(table),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
