/*
 * test_route: the URL table. Which handler a path reaches, what its typed
 * captures let through, and 404 versus 405. Handlers are compared as
 * pointers, never called.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "h_public.h"
#include "route.h"

#include "fixture.h"

/* Expects path (GET) to reach h with the given captures (NULL-ended). */
static void
routes_to(const char *path, route_handler h, const char *a0, const char *a1,
    const char *a2)
{
	struct route_match	 m;
	const char		*want[ROUTE_ARGS_MAX] = { a0, a1, a2, NULL };
	int			 rc, i;

	memset(&m, 0x5a, sizeof(m));	/* route_match must clear it */
	rc = route_match(&A, path, METHOD_GET, &m);
	if (rc != 0)
		fail_msg("%s: status %d, want 0", path, rc);
	if (m.handler != h)
		fail_msg("%s: wrong handler", path);
	for (i = 0; i < ROUTE_ARGS_MAX; i++) {
		if (want[i] == NULL) {
			if (m.args[i] != NULL)
				fail_msg("%s: arg %d is \"%s\", want none",
				    path, i, m.args[i]);
			continue;
		}
		if (m.args[i] == NULL || strcmp(m.args[i], want[i]) != 0)
			fail_msg("%s: arg %d is \"%s\", want \"%s\"", path, i,
			    m.args[i] != NULL ? m.args[i] : "(null)", want[i]);
	}
}

static void
matches(void **state)
{
	routes_to("/", h_home, NULL, NULL, NULL);
	routes_to("/archive", h_archive, NULL, NULL, NULL);
	routes_to("/archive/2023", h_archive, "2023", NULL, NULL);
	routes_to("/archive/2023/05", h_archive, "2023", "05", NULL);
	routes_to("/archive/1999/12", h_archive, "1999", "12", NULL);
	routes_to("/archive/2023/10", h_archive, "2023", "10", NULL);
	routes_to("/2023/05/some-slug", h_article, "2023", "05", "some-slug");
	routes_to("/2021/01/why-start-a-blog-now", h_article, "2021", "01",
	    "why-start-a-blog-now");
	routes_to("/2023/05/x", h_article, "2023", "05", "x");
	routes_to("/2023/05/404", h_article, "2023", "05", "404");
	routes_to("/about", h_page, "about", NULL, NULL);
	routes_to("/contribute", h_page, "contribute", NULL, NULL);
	routes_to("/a-b-c", h_page, "a-b-c", NULL, NULL);
}

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
not_found(void **state)
{
	static const char *const paths[] = {
		"",
		"//",
		"///",
		"/archive/",
		"/archive//",
		"/archive/23",
		"/archive/02023",
		"/archive/0999",
		"/archive/20x3",
		"/archive/2023/13",
		"/archive/2023/00",
		"/archive/2023/5",
		"/archive/2023/005",
		"/archive/2023/20",
		"/archive/2023/05/",
		"/archive/2023/05/x",
		"/2023/05/Bad_Slug",
		"/2023/05/UPPER",
		"/2023/05/-leading",
		"/2023/05/a.b",
		"/2023/05/a%20b",
		"/2023/05/caf\xc3\xa9",
		"/2023/05/",
		"/2023/13/slug",
		"/2023/5/slug",
		"/23/05/slug",
		"/2023/05/slug/",
		"/2023/05/slug/extra",
		"/a/b/c/d",
		"/a/b",
		"/about/",
		"/About",
		"about",
		"/-about",
		"/a b",
		"/<script>",
		"/../etc/passwd",
		"/.",
		"/..",
	};
	struct route_match	 m;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		rc = route_match(&A, paths[i], METHOD_GET, &m);
		if (rc != 404)
			fail_msg("\"%s\": status %d, want 404", paths[i], rc);
		assert_null(m.handler);
	}
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

static void
methods(void **state)
{
	static const char *const paths[] = {
		"/", "/archive", "/archive/2023", "/archive/2023/05",
		"/2023/05/some-slug", "/about",
	};
	struct route_match	 m;
	size_t			 i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(route_match(&A, paths[i], METHOD_HEAD, &m), 0);
		assert_non_null(m.handler);

		memset(&m, 0, sizeof(m));
		assert_int_equal(route_match(&A, paths[i], METHOD_POST, &m),
		    405);
		assert_non_null(m.allow);
		assert_string_equal(m.allow, "GET, HEAD");
		assert_null(m.handler);

		memset(&m, 0, sizeof(m));
		assert_int_equal(route_match(&A, paths[i], METHOD_OTHER, &m),
		    405);
		assert_string_equal(m.allow, "GET, HEAD");
		assert_null(m.handler);
	}
	/* HEAD reaches the same handler as GET. */
	assert_int_equal(route_match(&A, "/archive/2023", METHOD_HEAD, &m), 0);
	assert_ptr_equal(m.handler, h_archive);
	assert_string_equal(m.args[0], "2023");
	/* An unknown path is 404 whatever the method. */
	assert_int_equal(route_match(&A, "/a/b/c/d", METHOD_POST, &m), 404);
	assert_int_equal(route_match(&A, "/a/b/c/d", METHOD_OTHER, &m), 404);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches),
		cmocka_unit_test(captures_are_copies),
		cmocka_unit_test(not_found),
		cmocka_unit_test(slug_length),
		cmocka_unit_test(methods),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
