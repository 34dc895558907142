/*
 * test_route: the URL table, where a case is not a row of a table: captures
 * outlive the path they came from, and a slug's length limit. Which handler
 * each path reaches, its captures, 404 versus 405 and the admin routes are
 * data, in tests/unit/cases/route.txt (test_cases.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "h_page.h"
#include "route.h"

#include "fixture.h"

/* Captures are arena copies, not pointers into the path. */
static void
captures_are_copies(void **state)
{
	struct route_match	 m;
	char			 path[] = "/2023/05/some-slug";

	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 0);
	memset(path, 'x', sizeof(path) - 1);
	assert_string_equal(m.args[0], "2023");
	assert_string_equal(m.args[1], "05");
	assert_string_equal(m.args[2], "some-slug");
}

static void
slug_length(void **state)
{
	struct route_match	 m;
	char			 path[200];

	path[0] = '/';
	memset(path + 1, 'a', 100);
	path[101] = '\0';
	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 0);
	assert_ptr_equal(m.handler, h_page);
	memset(path + 1, 'a', 101);
	path[102] = '\0';
	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 404);
}

/* The discovery files keep the slugs their names would make. */
static void
reserved_slugs(void **state)
{
	assert_true(route_reserved("robots-txt"));
	assert_true(route_reserved("disclaimer"));
	assert_true(route_reserved("sitemap-xml"));
	assert_true(route_reserved("sitemap"));
	assert_true(route_reserved("archive"));
	assert_false(route_reserved("sitemap-2024"));
	assert_false(route_reserved("robots"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(captures_are_copies),
		cmocka_unit_test(slug_length),
		cmocka_unit_test(reserved_slugs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
